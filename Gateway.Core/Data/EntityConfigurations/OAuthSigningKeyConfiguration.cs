using ApiManager.Gateway.Credentials.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class OAuthSigningKeyConfiguration : IEntityTypeConfiguration<OAuthSigningKey>
{
    public void Configure(EntityTypeBuilder<OAuthSigningKey> builder)
    {
        builder.ToTable("OAuthSigningKeys");
        builder.HasKey(k => k.Kid);
        builder.Property(k => k.Kid).HasMaxLength(64);
        builder.Property(k => k.Algorithm).HasConversion<string>().HasMaxLength(10);
        builder.Property(k => k.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(8000);
    }
}
