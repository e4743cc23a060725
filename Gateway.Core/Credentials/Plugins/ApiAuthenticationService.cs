using System.Globalization;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>Reads and writes an API's authentication settings (accepted credential types, forwarding, plugin options).</summary>
internal sealed partial class ApiAuthenticationService(IDbContextFactory<GatewayDbContext> contextFactory, ConfigChangeWriter writer, TimeProvider timeProvider)
{
    /// <summary>Most names a name list (key names, parameters, cookies, headers) may hold.</summary>
    public const int MaxNames = 10;

    /// <summary>Longest name in a name list.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest realm.</summary>
    public const int MaxRealmLength = 100;

    /// <summary>Highest maximum_expiration: one year in seconds.</summary>
    public const int MaxMaximumExpiration = 31_536_000;

    /// <summary>The API's settings, or null when the API does not exist.</summary>
    public async Task<ApiAuthenticationSettings?> GetAsync(int apiId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var api = await db.Apis.AsNoTracking().FirstOrDefaultAsync(a => a.Id == apiId, cancellationToken);
        return api is null ? null : From(api);
    }

    /// <summary>Validates and stores the settings; a stale <see cref="ApiAuthenticationSettings.ConcurrencyStamp"/> is refused.</summary>
    public async Task<ApiAuthenticationSettings> UpdateAsync(int apiId, ApiAuthenticationSettings input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var api = await db.Apis.FirstOrDefaultAsync(a => a.Id == apiId, cancellationToken)
            ?? throw new EntityNotFoundException(ApiService.EntityName, apiId.ToString(CultureInfo.InvariantCulture));
        EntityConflictException.ThrowIfStale(input.ConcurrencyStamp, api.ConcurrencyStamp, "API");

        var errors = new ValidationErrors();
        var normalized = Validate(input, api.IsPublic, errors);
        var anonymous = new[] { normalized.KeyAuth.Anonymous, normalized.BasicAuth.Anonymous, normalized.Jwt.Anonymous }
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (anonymous.Count > 0)
        {
            var known = await db.ApiClients.AsNoTracking().Where(c => anonymous.Contains(c.ClientId)).Select(c => c.ClientId).ToListAsync(cancellationToken);
            CheckAnonymous(errors, "keyAuth.anonymous", normalized.KeyAuth.Anonymous, known);
            CheckAnonymous(errors, "basicAuth.anonymous", normalized.BasicAuth.Anonymous, known);
            CheckAnonymous(errors, "jwt.anonymous", normalized.Jwt.Anonymous, known);
        }

        errors.ThrowIfAny();
        var before = AuditImage(api);
        api.AcceptedCredentials = normalized.AcceptedCredentials;
        api.ForwardCredentials = normalized.ForwardCredentials;
        api.AuthenticationOptions = new ApiAuthenticationOptions { KeyAuth = normalized.KeyAuth, BasicAuth = normalized.BasicAuth, Jwt = normalized.Jwt };
        api.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        api.ConcurrencyStamp = Guid.NewGuid();
        await writer.CommitAsync(
            db,
            actor,
            () => new AuditChange(ApiService.EntityName, apiId.ToString(CultureInfo.InvariantCulture), "AuthenticationUpdated", before, AuditImage(api)),
            cancellationToken);
        return From(api);
    }

    internal static ApiAuthenticationSettings From(ApiDefinition api) => new()
    {
        ApiId = api.Id,
        IsPublic = api.IsPublic,
        AcceptedCredentials = api.AcceptedCredentials,
        ForwardCredentials = api.ForwardCredentials,
        KeyAuth = api.AuthenticationOptions.KeyAuth,
        BasicAuth = api.AuthenticationOptions.BasicAuth,
        Jwt = api.AuthenticationOptions.Jwt,
        ConcurrencyStamp = api.ConcurrencyStamp,
    };

    /// <summary>Checks every field that needs no database and returns the normalized settings.</summary>
    internal static ApiAuthenticationSettings Validate(ApiAuthenticationSettings input, bool isPublic, ValidationErrors errors)
    {
        if ((input.AcceptedCredentials & ~CredentialTypes.All) != 0)
        {
            errors.Add("acceptedCredentials", "Unknown credential type.");
        }
        else if (!isPublic && input.AcceptedCredentials == CredentialTypes.None)
        {
            errors.Add("acceptedCredentials", "A non-public API must accept at least one credential type.");
        }

        var keyAuth = input.KeyAuth ?? new KeyAuthOptions();
        var keyNames = Names(errors, "keyAuth.keyNames", "Key name", keyAuth.KeyNames, minimum: 1, HeaderNamePattern());
        if (!keyAuth.KeyInHeader && !keyAuth.KeyInQuery && !keyAuth.KeyInBody)
        {
            errors.Add("keyAuth.keyInHeader", "Look for the key in at least one place: header, query or body.");
        }

        var keyRealm = Realm(errors, "keyAuth.realm", keyAuth.Realm, required: false);
        var basicAuth = input.BasicAuth ?? new BasicAuthOptions();
        var basicRealm = Realm(errors, "basicAuth.realm", basicAuth.Realm, required: true);

        var jwt = input.Jwt ?? new JwtOptions();
        var uriParams = Names(errors, "jwt.uriParamNames", "URI parameter name", jwt.UriParamNames, minimum: 0, HeaderNamePattern());
        var cookies = Names(errors, "jwt.cookieNames", "Cookie name", jwt.CookieNames, minimum: 0, HeaderNamePattern());
        var headers = Names(errors, "jwt.headerNames", "Header name", jwt.HeaderNames, minimum: 0, HeaderNamePattern());
        if (uriParams.Count + cookies.Count + headers.Count == 0)
        {
            errors.Add("jwt.headerNames", "Read the token from at least one URI parameter, cookie or header.");
        }

        var keyClaim = jwt.KeyClaimName?.Trim() ?? "";
        if (keyClaim.Length == 0)
        {
            errors.Add("jwt.keyClaimName", "Key claim name is required.");
        }
        else if (keyClaim.Length > MaxNameLength || !HeaderNamePattern().IsMatch(keyClaim))
        {
            errors.Add("jwt.keyClaimName", $"Key claim name must be at most {MaxNameLength} letters, digits or '_', '-', '.'.");
        }

        var claims = new List<string>();
        foreach (var claim in jwt.ClaimsToVerify ?? [])
        {
            var name = claim?.Trim().ToLowerInvariant() ?? "";
            if (!JwtOptions.VerifiableClaims.Contains(name))
            {
                errors.Add("jwt.claimsToVerify", $"'{claim}' cannot be verified; choose exp and/or nbf.");
            }
            else if (!claims.Contains(name))
            {
                claims.Add(name);
            }
        }

        if (jwt.MaximumExpiration is < 0 or > MaxMaximumExpiration)
        {
            errors.Add("jwt.maximumExpiration", $"Maximum expiration must be 0 (no limit) to {MaxMaximumExpiration} seconds.");
        }
        else if (jwt.MaximumExpiration > 0 && !claims.Contains("exp"))
        {
            errors.Add("jwt.claimsToVerify", "A maximum expiration needs exp in the claims to verify.");
        }

        return input with
        {
            KeyAuth = keyAuth with { KeyNames = keyNames, Realm = keyRealm, Anonymous = Anonymous(keyAuth.Anonymous) },
            BasicAuth = basicAuth with { Realm = basicRealm ?? "service", Anonymous = Anonymous(basicAuth.Anonymous) },
            Jwt = jwt with
            {
                UriParamNames = uriParams,
                CookieNames = cookies,
                HeaderNames = headers,
                KeyClaimName = keyClaim,
                ClaimsToVerify = claims,
                Anonymous = Anonymous(jwt.Anonymous),
            },
        };
    }

    /// <summary>The image written to the audit log (names chosen so the audit redaction keeps them readable).</summary>
    internal static object AuditImage(ApiDefinition api)
    {
        var o = api.AuthenticationOptions;
        return new
        {
            Accepts = api.AcceptedCredentials.ToString(),
            Forward = api.ForwardCredentials,
            KeyAuthOptions = new { o.KeyAuth.KeyNames, o.KeyAuth.KeyInHeader, o.KeyAuth.KeyInQuery, o.KeyAuth.KeyInBody, Hide = o.KeyAuth.HideCredentials, o.KeyAuth.Anonymous, o.KeyAuth.RunOnPreflight, o.KeyAuth.Realm },
            BasicAuthOptions = new { Hide = o.BasicAuth.HideCredentials, o.BasicAuth.Anonymous, o.BasicAuth.Realm },
            JwtOptions = new { o.Jwt.UriParamNames, o.Jwt.CookieNames, o.Jwt.HeaderNames, o.Jwt.KeyClaimName, Base64 = o.Jwt.SecretIsBase64, o.Jwt.ClaimsToVerify, o.Jwt.MaximumExpiration, o.Jwt.Anonymous, o.Jwt.RunOnPreflight },
        };
    }

    private static void CheckAnonymous(ValidationErrors errors, string field, string? clientId, List<string> known)
    {
        if (clientId is not null && !known.Contains(clientId, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(field, $"Client '{clientId}' does not exist.");
        }
    }

    private static string? Anonymous(string? clientId) => string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim();

    private static List<string> Names(ValidationErrors errors, string field, string label, IReadOnlyList<string>? names, int minimum, Regex pattern)
    {
        var result = new List<string>();
        foreach (var raw in names ?? [])
        {
            var name = raw?.Trim() ?? "";
            if (name.Length == 0 || name.Length > MaxNameLength || !pattern.IsMatch(name))
            {
                errors.Add(field, $"{label} '{raw}' is invalid: use 1–{MaxNameLength} letters, digits or '_', '-', '.'.");
            }
            else if (!result.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(name);
            }
        }

        if (result.Count < minimum)
        {
            errors.Add(field, $"At least {minimum} {label.ToLowerInvariant()} is required.");
        }

        if (result.Count > MaxNames)
        {
            errors.Add(field, $"At most {MaxNames} names.");
        }

        return result;
    }

    private static string? Realm(ValidationErrors errors, string field, string? realm, bool required)
    {
        var value = realm?.Trim() ?? "";
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(field, "Realm is required.");
            }

            return null;
        }

        if (value.Length > MaxRealmLength || !RealmPattern().IsMatch(value))
        {
            errors.Add(field, $"Realm must be at most {MaxRealmLength} printable characters without quotes or backslashes.");
        }

        return value;
    }

    /// <summary>Names usable as a header, query parameter or cookie name (a safe subset of RFC 9110 tokens).</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    internal static partial Regex HeaderNamePattern();

    [GeneratedRegex("^[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+$")]
    private static partial Regex RealmPattern();
}
