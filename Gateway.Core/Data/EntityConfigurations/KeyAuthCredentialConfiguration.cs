using ApiManager.Gateway.Credentials.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class KeyAuthCredentialConfiguration : IEntityTypeConfiguration<KeyAuthCredential>
{
    public void Configure(EntityTypeBuilder<KeyAuthCredential> builder)
    {
        builder.ToTable("KeyAuthCredentials");
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Property(k => k.Mask).HasMaxLength(20);
        builder.HasOne(k => k.ApiClient).WithMany().HasForeignKey(k => k.ApiClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
