using ApiManager.Gateway.ApiUsers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiUserConfiguration : IEntityTypeConfiguration<ApiUser>
{
    public void Configure(EntityTypeBuilder<ApiUser> builder)
    {
        builder.ToTable("ApiUsers");
        builder.Property(u => u.UserName).HasMaxLength(ApiUserService.MaxUserNameLength).UseCollation("NOCASE");
        builder.HasIndex(u => u.UserName).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(ApiUserService.MaxDisplayNameLength);
        builder.Property(u => u.Email).HasMaxLength(ApiUserService.MaxEmailLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasMany(u => u.Clients).WithOne(c => c.ApiUser).HasForeignKey(c => c.ApiUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
