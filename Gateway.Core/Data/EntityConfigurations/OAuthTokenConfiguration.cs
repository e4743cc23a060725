using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class OAuthTokenConfiguration : IEntityTypeConfiguration<OAuthToken>
{
    public void Configure(EntityTypeBuilder<OAuthToken> builder)
    {
        builder.ToTable("OAuthTokens");
        builder.HasKey(t => t.Jti);
        builder.Property(t => t.Jti).HasMaxLength(64);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Subject).HasMaxLength(200);
        builder.Property(t => t.UserName).HasMaxLength(200);
        builder.Property(t => t.Scope).HasMaxLength(4000);
        builder.Property(t => t.GroupIds).HasMaxLength(4000);
        builder.Property(t => t.FamilyId).HasMaxLength(64);
        builder.Property(t => t.RefreshJti).HasMaxLength(64);
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasOne<ApiClient>().WithMany().HasForeignKey(t => t.ApiClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
