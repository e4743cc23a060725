using ApiManager.Gateway.Upstreams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class UpstreamConfiguration : IEntityTypeConfiguration<Upstream>
{
    public void Configure(EntityTypeBuilder<Upstream> builder)
    {
        builder.ToTable("Upstreams");
        builder.Property(u => u.Name).HasMaxLength(253).UseCollation("NOCASE");
        builder.HasIndex(u => u.Name).IsUnique();
        builder.Property(u => u.Algorithm).HasMaxLength(30);
        builder.Property(u => u.HashOn).HasMaxLength(20);
        builder.Property(u => u.HashFallback).HasMaxLength(20);
        builder.Property(u => u.HashOnHeader).HasMaxLength(100);
        builder.Property(u => u.HashFallbackHeader).HasMaxLength(100);
        builder.Property(u => u.HashOnCookie).HasMaxLength(100);
        builder.Property(u => u.HashOnCookiePath).HasMaxLength(500);
        builder.Property(u => u.HashOnQueryArg).HasMaxLength(100);
        builder.Property(u => u.HashFallbackQueryArg).HasMaxLength(100);
        builder.Property(u => u.Healthchecks)
            .HasConversion(v => UpstreamHealthchecksJson.Serialize(v), s => UpstreamHealthchecksJson.Deserialize(s),
                new ValueComparer<UpstreamHealthchecks>((a, b) => UpstreamHealthchecksJson.Serialize(a!) == UpstreamHealthchecksJson.Serialize(b!),
                    v => UpstreamHealthchecksJson.Serialize(v).GetHashCode(StringComparison.Ordinal), v => UpstreamHealthchecksJson.Deserialize(UpstreamHealthchecksJson.Serialize(v))));
        builder.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasMany(u => u.Targets).WithOne().HasForeignKey(t => t.UpstreamId).OnDelete(DeleteBehavior.Cascade);
    }
}
