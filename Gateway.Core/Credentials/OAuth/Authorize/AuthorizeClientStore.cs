using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.OAuth.Authorize;

/// <summary>Finds the client of an authorization request: it must exist, be usable now and allow the authorization_code grant.</summary>
internal sealed class AuthorizeClientStore(
    DbProxyConfigProvider snapshots,
    ClientAuthenticator clients,
    OAuthTokenStore store,
    IDbContextFactory<GatewayDbContext> contextFactory)
{
    /// <summary>The client, or why it may not ask for a code (an <c>unauthorized_client</c> description).</summary>
    public async Task<(AuthorizeClient? Client, string? Error)> FindAsync(string? clientId, CancellationToken cancellationToken)
    {
        var catalog = snapshots.Current?.Clients ?? ClientCatalog.Empty;
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 200 || !catalog.TryGet(clientId, out var entry))
        {
            return (null, "The client is unknown.");
        }

        if (clients.CheckStatus(entry) is { } status)
        {
            return (null, status == Pipeline.GatewayError.ClientDisabled ? "The client is disabled." : "The client is locked.");
        }

        var info = await store.LoadClientAsync(entry, cancellationToken);
        if (info is null)
        {
            return (null, "The client is unknown.");
        }

        if ((info.Grants & OAuthGrants.AuthorizationCode) == 0)
        {
            return (null, "The client is not allowed to use the authorization_code grant.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiClients.AsNoTracking().Where(c => c.Id == entry.Id)
            .Select(c => new { c.DisplayName, c.RedirectUris }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return (null, "The client is unknown.");
        }

        return (new AuthorizeClient(info, row.DisplayName, TokenSettings.ReadRedirectUris(row.RedirectUris)), null);
    }
}
