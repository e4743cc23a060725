using System.Net;
using System.Text;
using ApiManager.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// Identifies the client of a non-public API call with HTTP Basic and applies, in order: status (disabled 403, locked
/// 401), password (cached; failures counted toward lockout), start date, expiry, daily service time (in the client's
/// time zone), IP binding, group/scope authorization with the groups' days and hours, and the internal-only audience.
/// Everything comes from the snapshot and memory: no database I/O.
/// </summary>
internal sealed class ClientAuthenticator(
    PasswordVerificationCache passwords,
    ClientLockoutTracker lockout,
    GatewayNetworks networks,
    TimeProvider timeProvider)
{
    /// <summary>Longest Authorization header considered (longer ones are invalid credentials).</summary>
    public const int MaxHeaderLength = 1024;

    private const string BasicScheme = "Basic ";

    /// <summary>Checks the caller; returns null and the client when it may call API <paramref name="apiId"/>.</summary>
    public GatewayError? Authenticate(HttpContext context, ClientCatalog catalog, int apiId, out ClientEntry? client)
    {
        var header = context.Request.Headers.Authorization;
        return Authenticate(context, header.Count == 1 ? header[0] : null, catalog, apiId, out client);
    }

    /// <summary>Checks the caller by the given Basic header value (<c>Authorization</c> or <c>Proxy-Authorization</c>).</summary>
    /// <remarks><paramref name="client"/> is set once the password matched, also when access is then refused.</remarks>
    public GatewayError? Authenticate(HttpContext context, string? value, ClientCatalog catalog, int apiId, out ClientEntry? client)
    {
        client = null;
        if (value is null || value.Length <= BasicScheme.Length || value.Length > MaxHeaderLength
            || !value.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase))
        {
            return GatewayError.InvalidCredential;
        }

        Span<byte> bytes = stackalloc byte[MaxHeaderLength];
        var encoded = value.AsSpan(BasicScheme.Length).Trim();
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var byteCount))
        {
            return GatewayError.InvalidCredential;
        }

        Span<char> chars = stackalloc char[MaxHeaderLength];
        if (!Encoding.UTF8.TryGetChars(bytes[..byteCount], chars, out var charCount))
        {
            return GatewayError.InvalidCredential;
        }

        bytes[..byteCount].Clear();
        var text = chars[..charCount];
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return GatewayError.InvalidCredential;
        }

        var password = text[(colon + 1)..];
        var lookup = catalog.Clients.GetAlternateLookup<ReadOnlySpan<char>>();
        if (password.IsEmpty || password.Length > ClientPasswordHasher.MaxLength || !lookup.TryGetValue(text[..colon], out var entry))
        {
            text.Clear();
            return GatewayError.InvalidCredential;
        }

        var result = Check(context, entry, password, apiId, out var identified);
        text.Clear();
        if (identified)
        {
            client = entry;
        }

        return result;
    }

    /// <summary><paramref name="identified"/>: the password matched (the caller is this client even if access is refused).</summary>
    private GatewayError? Check(HttpContext context, ClientEntry client, ReadOnlySpan<char> password, int apiId, out bool identified)
    {
        identified = false;
        if (CheckStatus(client) is { } status)
        {
            return status;
        }

        if (!passwords.Verify(client.ClientId, password, client.PasswordHash))
        {
            return lockout.RecordFailure(client) ? GatewayError.ClientLocked : GatewayError.InvalidCredential;
        }

        identified = true;
        lockout.RecordSuccess(client);
        return CheckAccess(context, client, apiId, allowedGroups: null);
    }

    /// <summary>Disabled (403) or locked (401) clients may not call anything, whatever credential they present.</summary>
    public GatewayError? CheckStatus(ClientEntry client)
    {
        if (client.Status == ClientStatus.Disabled)
        {
            return GatewayError.ClientDisabled;
        }

        if (client.Status == ClientStatus.Locked || lockout.IsLocked(client))
        {
            return GatewayError.ClientLocked;
        }

        return null;
    }

    /// <summary>
    /// The checks every credential shares once it named the client: start date, expiry and daily service time (in the
    /// client's time zone), IP binding, group/scope authorization with the groups' days and hours, and the audience.
    /// <paramref name="allowedGroups"/>, when given, narrows the client's groups to those the credential carries
    /// (an X-Api-Key's groups, an access token's scope).
    /// </summary>
    public GatewayError? CheckAccess(HttpContext context, ClientEntry client, int apiId, IReadOnlySet<int>? allowedGroups)
    {
        var now = timeProvider.GetUtcNow();
        if (!client.IsAlwaysValid)
        {
            var local = TimeZoneInfo.ConvertTime(now, client.TimeZone).DateTime;
            var today = DateOnly.FromDateTime(local);
            if (client.StartDate is { } start && today < start)
            {
                return GatewayError.ClientNotYetValid;
            }

            if (client.ExpiryDate is { } expiry && today > expiry)
            {
                return GatewayError.ClientExpired;
            }

            if (!client.ServiceTime.Contains(TimeOnly.FromDateTime(local)))
            {
                return GatewayError.OutsideServiceTime;
            }
        }

        IPAddress? caller = null;
        if (client.RequiresIpBinding)
        {
            caller = networks.CallerAddress(context);
            if (!client.IpBindings.Contains(caller))
            {
                return GatewayError.IpNotBound;
            }
        }

        if (!client.Grants.TryGetValue(apiId, out var groups))
        {
            return GatewayError.ApiNotAuthorized;
        }

        var granted = allowedGroups is null;
        var open = false;
        for (var i = 0; i < groups.Length; i++)
        {
            if (allowedGroups is not null && !allowedGroups.Contains(groups[i].GroupId))
            {
                continue;
            }

            granted = true;
            if (groups[i].IsOpen(now))
            {
                open = true;
                break;
            }
        }

        if (!granted)
        {
            return GatewayError.CredentialScopeDenied;
        }

        if (!open)
        {
            return GatewayError.GroupNotOpen;
        }

        if (client.Audience == ClientAudience.Internal && !networks.InternalNetworks.Contains(caller ?? networks.CallerAddress(context)))
        {
            return GatewayError.AudienceNotAllowed;
        }

        return null;
    }

    /// <summary>Value of <c>WWW-Authenticate</c> sent with every 401.</summary>
    public const string Challenge = "Basic realm=\"ApiManager\"";

    /// <summary>Sets the challenge header for a 401.</summary>
    public static void AddChallenge(HttpResponse response) => response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
}
