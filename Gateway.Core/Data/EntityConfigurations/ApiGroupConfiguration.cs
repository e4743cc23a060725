using ApiManager.Gateway.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiGroupConfiguration : IEntityTypeConfiguration<ApiGroup>
{
    public void Configure(EntityTypeBuilder<ApiGroup> builder)
    {
        builder.ToTable("ApiGroups");
        builder.Property(g => g.Name).HasMaxLength(100).UseCollation("NOCASE");
        builder.HasIndex(g => g.Name).IsUnique();
        builder.Property(g => g.Alias).HasMaxLength(100);
        builder.Property(g => g.Description).HasMaxLength(1000);
        builder.Property(g => g.TimeZoneId).HasMaxLength(100);
        builder.Property(g => g.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne(g => g.SecurityLevel).WithMany().HasForeignKey(g => g.SecurityLevelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Apis).WithOne(a => a.ApiGroup).HasForeignKey(a => a.ApiGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
