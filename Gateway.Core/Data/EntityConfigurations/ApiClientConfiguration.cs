using ApiManager.Gateway.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.Property(c => c.ClientId).HasMaxLength(100).UseCollation("NOCASE");
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.Property(c => c.ClientName).HasMaxLength(100).UseCollation("NOCASE");
        builder.HasIndex(c => c.ClientName).IsUnique();
        builder.Property(c => c.ApplicationNo).HasMaxLength(100);
        builder.Property(c => c.DisplayName).HasMaxLength(200);
        builder.Property(c => c.PasswordHash).HasMaxLength(500);
        builder.Property(c => c.ResetPasswordHash).HasMaxLength(500);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Audience).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.QuotaResetPeriod).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.TimeZoneId).HasMaxLength(100);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.Emails).HasMaxLength(2000);
        builder.Property(c => c.Remark).HasMaxLength(2000);
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne(c => c.SecurityLevel).WithMany().HasForeignKey(c => c.SecurityLevelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.IpBindings).WithOne().HasForeignKey(b => b.ApiClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Groups).WithOne(g => g.Client).HasForeignKey(g => g.ApiClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Scopes).WithOne(s => s.Client).HasForeignKey(s => s.ApiClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
