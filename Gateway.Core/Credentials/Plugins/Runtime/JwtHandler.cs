using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>
/// Kong's jwt: the token comes from the API's URI parameters, cookies, then <c>Bearer</c> headers; its key claim
/// (<c>iss</c>) names a JWT credential whose algorithm — never the token's — decides how the signature is checked;
/// exp / nbf and maximum_expiration are verified as configured. Every failure is a 401 with Kong's message. A Bearer
/// header is only claimed when the API does not accept OAuth tokens or the token names a JWT credential, so tokens of
/// the OAuth server (precedence 200) are never taken.
/// </summary>
internal sealed class JwtHandler(DbProxyConfigProvider provider, SecretProtector protector, TimeProvider timeProvider) : ICredentialHandler
{
    /// <summary>Longest token considered (longer: "Unrecognizable token").</summary>
    public const int MaxTokenLength = 8192;

    private static readonly Dictionary<string, JwtAlgorithm> Algorithms = new(StringComparer.Ordinal)
    {
        ["HS256"] = JwtAlgorithm.HS256,
        ["HS384"] = JwtAlgorithm.HS384,
        ["HS512"] = JwtAlgorithm.HS512,
        ["RS256"] = JwtAlgorithm.RS256,
        ["ES256"] = JwtAlgorithm.ES256,
    };

    private SecretCache _secrets = new(-1);

    public CredentialTypes Type => CredentialTypes.Jwt;

    public int Precedence => 400;

    public string Challenge(RouteInfo route) => JwtErrors.Challenge;

    public bool IsPresent(HttpContext context, RouteInfo route)
    {
        var options = route.Authentication;
        var request = context.Request;
        foreach (var name in options.JwtUriParams)
        {
            if (request.Query.TryGetValue(name, out var values) && values.Any(v => !string.IsNullOrEmpty(v)))
            {
                return true;
            }
        }

        foreach (var name in options.JwtCookies)
        {
            if (!string.IsNullOrEmpty(request.Cookies[name]))
            {
                return true;
            }
        }

        foreach (var name in options.JwtHeaders)
        {
            if (BearerToken(request.Headers, name) is { } token
                && ((route.AcceptedCredentials & CredentialTypes.OAuthToken) == 0 || NamesJwtCredential(token, options.JwtKeyClaim)))
            {
                return true;
            }
        }

        return false;
    }

    public ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route) =>
        new(Authenticate(context, snapshot, route));

    public GatewayError? Consume(in CredentialOutcome outcome) => null;

    public void Strip(HttpContext context, RouteInfo route)
    {
        var options = route.Authentication;
        var request = context.Request;
        foreach (var name in options.JwtUriParams)
        {
            request.QueryString = KeyAuthHandler.WithoutParameter(request.QueryString, name);
        }

        if (options.JwtCookies.Length > 0 && request.Headers.Cookie.Count > 0
            && CookieHeaderValue.TryParseList(request.Headers.Cookie, out var cookies))
        {
            var kept = cookies.Where(c => !options.JwtCookies.Contains(c.Name.Value, StringComparer.Ordinal)).Select(c => c.ToString()).ToList();
            if (kept.Count == 0)
            {
                request.Headers.Remove(HeaderNames.Cookie);
            }
            else
            {
                request.Headers.Cookie = string.Join("; ", kept);
            }
        }

        foreach (var name in options.JwtHeaders)
        {
            if (BearerToken(request.Headers, name) is not null)
            {
                request.Headers.Remove(name);
            }
        }
    }

    private CredentialOutcome Authenticate(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        var options = route.Authentication;
        var token = (string?)null;
        foreach (var candidate in Tokens(context.Request, options))
        {
            if (token is null)
            {
                token = candidate;
            }
            else if (!string.Equals(token, candidate, StringComparison.Ordinal))
            {
                return CredentialOutcome.Fail(JwtErrors.Multiple);
            }
        }

        if (token is null)
        {
            return CredentialOutcome.Fail(JwtErrors.Missing);
        }

        if (token.Length > MaxTokenLength)
        {
            return CredentialOutcome.Fail(JwtErrors.Unrecognizable);
        }

        var error = Parse(token, out var parsed);
        if (error is not null)
        {
            return CredentialOutcome.Fail(error);
        }

        using (parsed)
        {
            return Verify(snapshot, options, token, parsed!);
        }
    }

    private CredentialOutcome Verify(GatewaySnapshot snapshot, CompiledAuthentication options, string token, ParsedToken parsed)
    {
        var claims = parsed.Claims.RootElement;
        if (!claims.TryGetProperty(options.JwtKeyClaim, out var keyClaim) && !parsed.Header.RootElement.TryGetProperty(options.JwtKeyClaim, out keyClaim))
        {
            return CredentialOutcome.Fail(options.JwtNoKeyClaim);
        }

        if (keyClaim.ValueKind != JsonValueKind.String || keyClaim.GetString() is not { Length: > 0 } key)
        {
            return CredentialOutcome.Fail(options.JwtInvalidKeyClaim);
        }

        if (!snapshot.PluginCredentials.JwtByKey.TryGetValue(key, out var credential))
        {
            return CredentialOutcome.Fail(options.JwtNoCredentials);
        }

        // The credential decides the algorithm; a token claiming another one (alg confusion) is refused here.
        if (parsed.Algorithm != credential.Algorithm)
        {
            return CredentialOutcome.Fail(JwtErrors.InvalidAlgorithm);
        }

        var signed = Encoding.ASCII.GetBytes(token, 0, token.LastIndexOf('.'));
        var verified = credential.Algorithm switch
        {
            JwtAlgorithm.RS256 => VerifyRsa(credential, signed, parsed.Signature),
            JwtAlgorithm.ES256 => VerifyEcdsa(credential, signed, parsed.Signature),
            _ => VerifyHmac(snapshot, options, credential, signed, parsed.Signature),
        };
        if (verified is not null)
        {
            return CredentialOutcome.Fail(verified);
        }

        // As Kong: a verified claim that is absent passes; present, it must be a number and hold.
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (options.JwtVerifyExp && claims.TryGetProperty("exp", out _))
        {
            var exp = NumericClaim(claims, "exp");
            if (exp is null)
            {
                return CredentialOutcome.Fail(JwtErrors.ExpNotNumber);
            }

            if (exp <= now)
            {
                return CredentialOutcome.Fail(JwtErrors.Expired);
            }
        }

        if (options.JwtVerifyNbf && claims.TryGetProperty("nbf", out _))
        {
            var nbf = NumericClaim(claims, "nbf");
            if (nbf is null)
            {
                return CredentialOutcome.Fail(JwtErrors.NbfNotNumber);
            }

            if (nbf > now)
            {
                return CredentialOutcome.Fail(JwtErrors.NotYetValid);
            }
        }

        if (options.JwtMaximumExpiration > 0)
        {
            var maxExp = NumericClaim(claims, "exp");
            if (maxExp is null)
            {
                return CredentialOutcome.Fail(JwtErrors.ExpNotNumber);
            }

            if (maxExp > now + options.JwtMaximumExpiration)
            {
                return CredentialOutcome.Fail(JwtErrors.ExceedsMaximum);
            }
        }

        return new CredentialOutcome { Client = credential.Client, CredentialId = credential.Key };
    }

    private GatewayError? VerifyHmac(GatewaySnapshot snapshot, CompiledAuthentication options, JwtEntry credential, byte[] signed, byte[] signature)
    {
        if (Secret(snapshot, credential) is not { } secret)
        {
            return JwtErrors.InvalidKey;
        }

        byte[] key;
        if (options.JwtSecretIsBase64)
        {
            try
            {
                key = Convert.FromBase64String(secret);
            }
            catch (FormatException)
            {
                return JwtErrors.InvalidKey;
            }
        }
        else
        {
            key = Encoding.UTF8.GetBytes(secret);
        }

        var expected = credential.Algorithm switch
        {
            JwtAlgorithm.HS384 => HMACSHA384.HashData(key, signed),
            JwtAlgorithm.HS512 => HMACSHA512.HashData(key, signed),
            _ => HMACSHA256.HashData(key, signed),
        };
        CryptographicOperations.ZeroMemory(key);
        return CryptographicOperations.FixedTimeEquals(expected, signature) ? null : JwtErrors.InvalidSignature;
    }

    private static GatewayError? VerifyRsa(JwtEntry credential, byte[] signed, byte[] signature)
    {
        if (credential.PublicKeyPem is not { } pem)
        {
            return JwtErrors.InvalidKey;
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ? null : JwtErrors.InvalidSignature;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return JwtErrors.InvalidKey;
        }
    }

    private static GatewayError? VerifyEcdsa(JwtEntry credential, byte[] signed, byte[] signature)
    {
        if (credential.PublicKeyPem is not { } pem)
        {
            return JwtErrors.InvalidKey;
        }

        if (signature.Length != 64)
        {
            return JwtErrors.InvalidSignature;
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return ecdsa.VerifyData(signed, signature, HashAlgorithmName.SHA256) ? null : JwtErrors.InvalidSignature;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return JwtErrors.InvalidKey;
        }
    }

    /// <summary>The credential's decrypted secret, cached per snapshot version (null when it cannot be decrypted).</summary>
    private string? Secret(GatewaySnapshot snapshot, JwtEntry credential)
    {
        var cache = Volatile.Read(ref _secrets);
        if (cache.Version != snapshot.Version)
        {
            cache = new SecretCache(snapshot.Version);
            Volatile.Write(ref _secrets, cache);
        }

        return cache.Secrets.GetOrAdd(credential.Id, static (_, state) =>
        {
            if (state.Credential.ProtectedSecret is not { } protectedSecret)
            {
                return null;
            }

            try
            {
                return state.Protector.Unprotect(protectedSecret);
            }
            catch (CryptographicException)
            {
                return null;
            }
        }, (Credential: credential, Protector: protector));
    }

    private static double? NumericClaim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    /// <summary>Parses header and claims; a token that is not three Base64url JSON parts, or names no supported alg, is a bad token.</summary>
    private static GatewayError? Parse(string token, out ParsedToken? parsed)
    {
        parsed = null;
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return JwtErrors.BadTokenFormat;
        }

        JsonDocument? header = null;
        JsonDocument? claims = null;
        try
        {
            header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(token, 0, first), new JsonDocumentOptions { MaxDepth = 16 });
            claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(token, first + 1, second - first - 1), new JsonDocumentOptions { MaxDepth = 16 });
            var signature = WebEncoders.Base64UrlDecode(token, second + 1, token.Length - second - 1);
            if (header.RootElement.ValueKind != JsonValueKind.Object || claims.RootElement.ValueKind != JsonValueKind.Object)
            {
                header.Dispose();
                claims.Dispose();
                return JwtErrors.BadTokenJson;
            }

            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || !Algorithms.TryGetValue(alg.GetString()!, out var algorithm))
            {
                header.Dispose();
                claims.Dispose();
                return JwtErrors.BadTokenAlg;
            }

            parsed = new ParsedToken(header, claims, signature, algorithm);
            return null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            header?.Dispose();
            claims?.Dispose();
            return JwtErrors.BadTokenJson;
        }
    }

    /// <summary>Whether the token's key claim (payload, then header) names a JWT credential of the serving snapshot.</summary>
    private bool NamesJwtCredential(string token, string keyClaim)
    {
        if (provider.Current is not { } snapshot || snapshot.PluginCredentials.JwtByKey.Count == 0 || token.Length > MaxTokenLength)
        {
            return false;
        }

        if (Parse(token, out var parsed) is not null)
        {
            return false;
        }

        using (parsed)
        {
            return (parsed!.Claims.RootElement.TryGetProperty(keyClaim, out var key) || parsed.Header.RootElement.TryGetProperty(keyClaim, out key))
                && key.ValueKind == JsonValueKind.String && snapshot.PluginCredentials.JwtByKey.ContainsKey(key.GetString()!);
        }
    }

    /// <summary>Every non-empty token the request carries, in Kong's order: URI parameters, cookies, Bearer headers.</summary>
    private static IEnumerable<string> Tokens(HttpRequest request, CompiledAuthentication options)
    {
        foreach (var name in options.JwtUriParams)
        {
            if (request.Query.TryGetValue(name, out var values))
            {
                foreach (var value in values)
                {
                    if (!string.IsNullOrEmpty(value))
                    {
                        yield return value;
                    }
                }
            }
        }

        foreach (var name in options.JwtCookies)
        {
            if (request.Cookies[name] is { Length: > 0 } cookie)
            {
                yield return cookie;
            }
        }

        foreach (var name in options.JwtHeaders)
        {
            if (BearerToken(request.Headers, name) is { } token)
            {
                yield return token;
            }
        }
    }

    /// <summary>The token of the first <c>Bearer</c> value of header <paramref name="name"/>, or null.</summary>
    private static string? BearerToken(IHeaderDictionary headers, string name)
    {
        var values = headers[name];
        if (values.Count == 0 || values[0] is not { } value)
        {
            return null;
        }

        var span = value.AsSpan().TrimStart();
        if (span.Length <= 7 || !span.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(span[6]))
        {
            return null;
        }

        var token = span[7..].Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    private sealed class SecretCache(long version)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<int, string?> Secrets { get; } = new();
    }

    private sealed class ParsedToken(JsonDocument header, JsonDocument claims, byte[] signature, JwtAlgorithm algorithm) : IDisposable
    {
        public JsonDocument Header { get; } = header;

        public JsonDocument Claims { get; } = claims;

        public byte[] Signature { get; } = signature;

        public JwtAlgorithm Algorithm { get; } = algorithm;

        public void Dispose()
        {
            Header.Dispose();
            Claims.Dispose();
        }
    }
}
