using ApiManager.Gateway.Credentials.XApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ClientXApiKeyConfiguration : IEntityTypeConfiguration<ClientXApiKey>
{
    public void Configure(EntityTypeBuilder<ClientXApiKey> builder)
    {
        builder.ToTable("ClientXApiKeys");
        builder.Property(k => k.Alias).HasMaxLength(ClientXApiKey.MaxAliasLength).UseCollation("NOCASE");
        builder.HasIndex(k => new { k.ApiClientId, k.Alias }).IsUnique();
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Property(k => k.Mask).HasMaxLength(20);
        builder.Property(k => k.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.HasOne(k => k.Client).WithMany().HasForeignKey(k => k.ApiClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(k => k.Groups).WithOne().HasForeignKey(g => g.ClientXApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
