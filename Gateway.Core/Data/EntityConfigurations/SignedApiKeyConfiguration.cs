using ApiManager.Gateway.Credentials.SignedKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class SignedApiKeyConfiguration : IEntityTypeConfiguration<SignedApiKey>
{
    public void Configure(EntityTypeBuilder<SignedApiKey> builder)
    {
        builder.ToTable("SignedApiKeys");
        builder.Property(k => k.Alias).HasMaxLength(200);
        builder.Property(k => k.ApiKey).HasMaxLength(100);
        builder.HasIndex(k => k.ApiKey).IsUnique();
        builder.Property(k => k.ProtectedSecret).HasMaxLength(2000);
        builder.Property(k => k.SecretMask).HasMaxLength(20);
        builder.Property(k => k.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(k => k.ApiClientId);
        builder.HasOne(k => k.Client).WithMany().HasForeignKey(k => k.ApiClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(k => k.Apis).WithOne().HasForeignKey(a => a.SignedApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
