using ApiManager.Gateway.Credentials.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class JwtCredentialConfiguration : IEntityTypeConfiguration<JwtCredential>
{
    public void Configure(EntityTypeBuilder<JwtCredential> builder)
    {
        builder.ToTable("JwtCredentials");
        builder.Property(j => j.Key).HasMaxLength(256);
        builder.HasIndex(j => j.Key).IsUnique();
        builder.Property(j => j.Algorithm).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.ProtectedSecret).HasMaxLength(4000);
        builder.Property(j => j.PublicKeyPem).HasMaxLength(8000);
        builder.HasOne(j => j.ApiClient).WithMany().HasForeignKey(j => j.ApiClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
