using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

/// <summary>The OAuth token settings columns of <see cref="ApiClient"/> (kept apart from the client's own configuration).</summary>
internal sealed class ApiClientTokenSettingsConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.Property(c => c.AllowedGrants).HasDefaultValue(OAuthGrants.Default).HasSentinel(OAuthGrants.None);
        builder.Property(c => c.AccessTokenValidity).HasDefaultValue(3600);
        builder.Property(c => c.RefreshTokenValidity).HasDefaultValue(86400);
        builder.Property(c => c.RedirectUris).HasMaxLength(5 * 2100);
    }
}
