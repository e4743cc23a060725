using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Credentials.XApiKeys.Runtime;

/// <summary>
/// The <c>X-Api-Key</c> header, checked in digiRunner's order: unknown key (401); the client's status, validity dates,
/// service time and IP binding (the shared client checks); revoked, not yet effective, expired (401, by the clock at
/// request time, not only the stored status); then the API must be in one of the key's groups (the shared check's
/// 403 <c>credential_scope_denied</c>). Lookup is by SHA-256 in the snapshot: no database I/O.
/// </summary>
internal sealed class XApiKeyHandler(ClientAuthenticator clients, TimeProvider timeProvider) : ICredentialHandler
{
    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Longest header value hashed; longer values are refused without hashing.</summary>
    public const int MaxKeyLength = 256;

    /// <summary><c>WWW-Authenticate</c> value of this credential's 401s.</summary>
    public const string ChallengeValue = "ApiKey header=\"X-Api-Key\"";

    public CredentialTypes Type => CredentialTypes.XApiKey;

    public int Precedence => 500;

    public string Challenge(RouteInfo route) => ChallengeValue;

    public bool IsPresent(HttpContext context, RouteInfo route) => context.Request.Headers.ContainsKey(HeaderName);

    public ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route) =>
        new(Authenticate(context, snapshot, route));

    public GatewayError? Consume(in CredentialOutcome outcome) => null;

    public void Strip(HttpContext context, RouteInfo route) => context.Request.Headers.Remove(HeaderName);

    private CredentialOutcome Authenticate(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        var values = context.Request.Headers[HeaderName];
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } value)
        {
            return CredentialOutcome.Fail(XApiKeyErrors.Malformed);
        }

        if (!snapshot.XApiKeys.ByHash.TryGetValue(CredentialSecrets.Hash(value), out var key)
            || !snapshot.Clients.ById.TryGetValue(key.ClientDbId, out var client))
        {
            return CredentialOutcome.Fail(XApiKeyErrors.Invalid);
        }

        if (clients.CheckStatus(client) is { } statusError)
        {
            return CredentialOutcome.Fail(statusError);
        }

        // Validity, service time and IP come before the key's own state; the group checks after it.
        var accessError = clients.CheckAccess(context, client, route.ApiId, key.Groups);
        if (accessError is not null && !IsGroupError(accessError))
        {
            return CredentialOutcome.Fail(accessError);
        }

        if (KeyError(key, timeProvider.GetUtcNow().UtcDateTime) is { } keyError)
        {
            return CredentialOutcome.Fail(keyError);
        }

        return accessError is not null
            ? CredentialOutcome.Fail(accessError)
            : new CredentialOutcome { Client = client, CredentialId = key.CredentialId, AllowedGroups = key.Groups, ClientChecked = true, State = key };
    }

    /// <summary>Revoked, not yet effective or expired at <paramref name="now"/> (UTC); null when the key may be used.</summary>
    internal static GatewayError? KeyError(XApiKeyEntry key, DateTime now)
    {
        if (key.Status == XApiKeyStatus.Revoked)
        {
            return XApiKeyErrors.Revoked;
        }

        if (key.EffectiveAt is { } from && now < from)
        {
            return XApiKeyErrors.NotYetEffective;
        }

        return key.Status == XApiKeyStatus.Expired || now >= key.ExpiresAt ? XApiKeyErrors.Expired : null;
    }

    private static bool IsGroupError(GatewayError error) =>
        ReferenceEquals(error, GatewayError.ApiNotAuthorized) || ReferenceEquals(error, GatewayError.CredentialScopeDenied)
        || ReferenceEquals(error, GatewayError.GroupNotOpen) || ReferenceEquals(error, GatewayError.AudienceNotAllowed);
}
