using ApiManager.Gateway.Backends;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class BackendConfiguration : IEntityTypeConfiguration<Backend>
{
    public void Configure(EntityTypeBuilder<Backend> builder)
    {
        builder.ToTable("Backends");
        builder.Property(b => b.Name).HasMaxLength(100).UseCollation("NOCASE");
        builder.HasIndex(b => b.Name).IsUnique();
        builder.Property(b => b.Host).HasMaxLength(253);
        builder.Property(b => b.BasePath).HasMaxLength(500);
        builder.Property(b => b.Description).HasMaxLength(1000);
        builder.Property(b => b.Protocol).HasConversion<string>().HasMaxLength(10);
        builder.Property(b => b.ConcurrencyStamp).IsConcurrencyToken();
    }
}
