using System.Buffers;
using System.Collections.Concurrent;
using System.Buffers.Text;
using System.Text.Json;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// <c>Authorization: Bearer &lt;jwt&gt;</c> issued by our token server, validated locally: signature against the
/// published keys with the key's own algorithm pinned (no <c>none</c>, no HS256 with a public key), issuer, audience,
/// lifetime by the injected <see cref="TimeProvider"/>, then the registry (unknown, revoked, rotated, used up).
/// </summary>
internal sealed class OAuthTokenHandler(
    OAuthKeyRing keyRing,
    OAuthIssuer issuer,
    TokenRegistry registry,
    IOptions<OAuthOptions> options,
    TimeProvider timeProvider) : ICredentialHandler
{
    /// <summary>Longest token read; longer ones are refused without parsing.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private const string BearerScheme = "Bearer ";

    private readonly JsonWebTokenHandler _tokens = new() { MapInboundClaims = false };
    private readonly string _audience = options.Value.Audience;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<PublishedKey, TokenValidationParameters> _parameters = [];
    private readonly ConcurrentDictionary<string, ValidatedToken> _validated = new(StringComparer.Ordinal);

    /// <summary>Most validated tokens remembered; beyond, the memory starts afresh (a token is then validated again once).</summary>
    public const int MaxValidatedTokens = 20_000;

    public CredentialTypes Type => CredentialTypes.OAuthToken;

    public int Precedence => 200;

    public string Challenge(RouteInfo route) => OAuthErrors.Challenge;

    public bool IsPresent(HttpContext context, RouteInfo route)
    {
        if (context.Request.Headers.Authorization is not { Count: 1 } header || header[0] is not { } value
            || !value.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Kong's jwt plugin reads Bearer tokens too: only claim the ones signed with one of our keys.
        return (route.AcceptedCredentials & CredentialTypes.Jwt) == 0 || IsOurKey(value.AsSpan(BearerScheme.Length).Trim());
    }

    public ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        var token = context.Request.Headers.Authorization[0].AsSpan(BearerScheme.Length).Trim();
        if (token.Length > MaxTokenLength)
        {
            return new ValueTask<CredentialOutcome>(CredentialOutcome.Fail(OAuthErrors.TooLong));
        }

        // A token is presented many times: its signature, issuer and audience are checked once per key set, then the
        // exact token text maps to what was learned. Lifetime, revocation and use counts are checked on every call.
        var keys = keyRing.Current;
        if (_validated.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var validated) && ReferenceEquals(validated.Keys, keys))
        {
            return new ValueTask<CredentialOutcome>(Check(validated, snapshot));
        }

        return ValidateAsync(token.ToString(), keys, snapshot);
    }

    private async ValueTask<CredentialOutcome> ValidateAsync(string text, OAuthKeySet keys, GatewaySnapshot snapshot)
    {
        JsonWebToken jwt;
        try
        {
            jwt = _tokens.ReadJsonWebToken(text);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return CredentialOutcome.Fail(OAuthErrors.Malformed);
        }

        if (jwt.IsEncrypted)
        {
            return CredentialOutcome.Fail(OAuthErrors.Malformed);
        }

        if (string.IsNullOrEmpty(jwt.Kid) || !keys.Published.TryGetValue(jwt.Kid, out var key))
        {
            return CredentialOutcome.Fail(OAuthErrors.UnknownKey);
        }

        if (!string.Equals(jwt.Alg, key.Algorithm, StringComparison.Ordinal))
        {
            return CredentialOutcome.Fail(OAuthErrors.AlgorithmNotAllowed);
        }

        var result = await _tokens.ValidateTokenAsync(jwt, Parameters(key));
        if (!result.IsValid)
        {
            return CredentialOutcome.Fail(result.Exception switch
            {
                SecurityTokenInvalidIssuerException => OAuthErrors.WrongIssuer,
                SecurityTokenInvalidAudienceException => OAuthErrors.WrongAudience,
                SecurityTokenInvalidAlgorithmException => OAuthErrors.AlgorithmNotAllowed,
                _ => OAuthErrors.BadSignature,
            });
        }

        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return CredentialOutcome.Fail(OAuthErrors.Expired);
        }

        DateTime? notBefore = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf) ? DateTime.UnixEpoch.AddSeconds(nbf) : null;
        var validated = new ValidatedToken(keys, jwt.Id, DateTime.UnixEpoch.AddSeconds(exp), notBefore);
        if (_validated.Count >= MaxValidatedTokens)
        {
            _validated.Clear();
        }

        _validated[text] = validated;
        return Check(validated, snapshot);
    }

    /// <summary>What is checked on every call: lifetime by the injected clock, then the registry (revoked, rotated, used up).</summary>
    private CredentialOutcome Check(ValidatedToken token, GatewaySnapshot snapshot)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (token.ExpiresAt <= now)
        {
            return CredentialOutcome.Fail(OAuthErrors.Expired);
        }

        if (token.NotBefore is { } notBefore && notBefore > now)
        {
            return CredentialOutcome.Fail(OAuthErrors.NotYetValid);
        }

        if (string.IsNullOrEmpty(token.Jti) || !registry.TryGet(token.Jti, out var entry) || entry.Kind != OAuthTokenKind.Access)
        {
            return CredentialOutcome.Fail(OAuthErrors.Unknown);
        }

        switch (entry.Status)
        {
            case OAuthTokenStatus.Revoked:
                return CredentialOutcome.Fail(OAuthErrors.Revoked);
            case OAuthTokenStatus.Rotated:
                return CredentialOutcome.Fail(OAuthErrors.Rotated);
        }

        if (entry.ExpiresAt <= now)
        {
            return CredentialOutcome.Fail(OAuthErrors.Expired);
        }

        if (entry.UsedUp)
        {
            return CredentialOutcome.Fail(OAuthErrors.UsedUp);
        }

        if (!snapshot.Clients.ById.TryGetValue(entry.ClientDbId, out var client))
        {
            return CredentialOutcome.Fail(OAuthErrors.ClientGone);
        }

        return new CredentialOutcome
        {
            Client = client,
            CredentialId = entry.Jti,
            AllowedGroups = entry.Groups,
            Subject = entry.UserName ?? entry.Subject,
            State = entry,
        };
    }

    public GatewayError? Consume(in CredentialOutcome outcome) =>
        outcome.State is TokenEntry entry && !registry.Consume(entry) ? OAuthErrors.UsedUp : null;

    public void Strip(HttpContext context, RouteInfo route) => context.Request.Headers.Remove(HeaderNames.Authorization);

    /// <summary>What a successful signature, issuer, audience and type check established about one token text.</summary>
    private sealed record ValidatedToken(OAuthKeySet Keys, string Jti, DateTime ExpiresAt, DateTime? NotBefore);

    private TokenValidationParameters Parameters(PublishedKey key) => _parameters.GetValue(key, Create);

    private TokenValidationParameters Create(PublishedKey key) => new()
    {
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [key.Algorithm],
        ValidIssuer = issuer.Value,
        ValidateIssuer = true,
        ValidAudience = _audience,
        ValidateAudience = true,
        ValidateLifetime = false,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = false,
        ValidTypes = ["at+jwt"],
    };

    /// <summary>Whether the JWT header's <c>kid</c> names one of our keys (header decoded on the stack; nothing else parsed).</summary>
    private bool IsOurKey(ReadOnlySpan<char> token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot > 1024)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[1024];
        Span<byte> header = stackalloc byte[768];
        var segment = token[..dot];
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] > 127)
            {
                return false;
            }

            utf8[i] = (byte)segment[i];
        }

        if (Base64Url.DecodeFromUtf8(utf8[..segment.Length], header, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(header[..written]);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("kid"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    return keyRing.Current.Published.ContainsKey(reader.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }
}
