using ApiManager.Gateway.Upstreams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class UpstreamTargetConfiguration : IEntityTypeConfiguration<UpstreamTarget>
{
    public void Configure(EntityTypeBuilder<UpstreamTarget> builder)
    {
        builder.ToTable("UpstreamTargets");
        builder.Property(t => t.Target).HasMaxLength(300).UseCollation("NOCASE");
        builder.HasIndex(t => new { t.UpstreamId, t.Target }).IsUnique();
    }
}
