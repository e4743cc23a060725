using ApiManager.Gateway.Credentials.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class OAuthEncryptionKeyConfiguration : IEntityTypeConfiguration<OAuthEncryptionKey>
{
    public void Configure(EntityTypeBuilder<OAuthEncryptionKey> builder)
    {
        builder.ToTable("OAuthEncryptionKeys");
        builder.Property(k => k.ProtectedKey).HasMaxLength(2000);
    }
}
