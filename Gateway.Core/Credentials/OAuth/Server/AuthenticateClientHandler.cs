using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Runtime;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>
/// Client authentication for the token, revocation and introspection endpoints (OpenIddict runs in degraded mode: the
/// API Client is the one client record). <c>client_secret_basic</c> and <c>client_secret_post</c> carry the client's
/// password; disabled or locked clients are refused, and a wrong password counts toward the lockout like HTTP Basic.
/// </summary>
internal sealed class AuthenticateClientHandler<TContext>(
    DbProxyConfigProvider snapshots,
    PasswordVerificationCache passwords,
    ClientLockoutTracker lockout,
    ClientAuthenticator clients,
    OAuthTokenStore store) : IOpenIddictServerHandler<TContext>
    where TContext : BaseValidatingClientContext
{
    /// <summary>Runs just before OpenIddict validates the presented token (<paramref name="order"/>).</summary>
    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseScopedHandler<AuthenticateClientHandler<TContext>>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(TContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = snapshots.Current?.Clients ?? ClientCatalog.Empty;
        if (string.IsNullOrEmpty(context.ClientId) || string.IsNullOrEmpty(context.ClientSecret)
            || context.ClientSecret.Length > ClientPasswordHasher.MaxLength
            || !catalog.TryGet(context.ClientId, out var client))
        {
            context.Reject(Errors.InvalidClient, "The client credentials are invalid.");
            return;
        }

        if (clients.CheckStatus(client) is { } status)
        {
            context.Reject(Errors.InvalidClient, status == Pipeline.GatewayError.ClientDisabled ? "The client is disabled." : "The client is locked.");
            return;
        }

        if (!passwords.Verify(client.ClientId, context.ClientSecret, client.PasswordHash))
        {
            var locked = lockout.RecordFailure(client);
            context.Reject(Errors.InvalidClient, locked ? "The client is locked." : "The client credentials are invalid.");
            return;
        }

        lockout.RecordSuccess(client);
        var info = await store.LoadClientAsync(client, context.CancellationToken);
        if (info is null)
        {
            context.Reject(Errors.InvalidClient, "The client credentials are invalid.");
            return;
        }

        context.Transaction.SetClient(info);
    }
}
