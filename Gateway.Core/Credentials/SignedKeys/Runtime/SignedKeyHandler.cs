using System.Buffers;
using System.Security.Cryptography;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Credentials.SignedKeys.Runtime;

/// <summary>
/// <c>Authorization: DGRK &lt;apiKey&gt;.&lt;signature&gt;</c> (digiRunner's API Key + Secret Key). Order as in
/// digiRunner: unknown key (401); the client checks (status, validity, IP, API access); the signature over the minified
/// body (401 "API Key Signature Incorrect"); revoked, expired, used up (401); API not in the key's list (403); then the
/// dispatcher counts the call (<see cref="Consume"/>). The body is buffered (at most <see cref="MaxBodyBytes"/>) and
/// rewound so it is forwarded unchanged. Everything comes from the snapshot and memory: no database I/O.
/// </summary>
internal sealed class SignedKeyHandler(SignedKeyRuntime runtime, ClientAuthenticator clients, TimeProvider timeProvider) : ICredentialHandler
{
    /// <summary>The scheme name, found anywhere in the header (case-insensitive), as digiRunner detects it.</summary>
    public const string Scheme = "DGRK";

    /// <summary>Longest Authorization header considered (longer ones are malformed).</summary>
    public const int MaxHeaderLength = 512;

    /// <summary>Largest body a signed request may carry (1 MiB).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public CredentialTypes Type => CredentialTypes.SignedKey;

    public int Precedence => 100;

    public string Challenge(RouteInfo route) => SignedKeyErrors.Challenge;

    /// <summary>
    /// A header containing "DGRK" in any case, as digiRunner detects it, except one using the Basic or Bearer scheme:
    /// their Base64 may contain those four letters by chance.
    /// </summary>
    public bool IsPresent(HttpContext context, RouteInfo route) =>
        context.Request.Headers.Authorization is { Count: 1 } header && header[0] is { } value
        && value.Contains(Scheme, StringComparison.OrdinalIgnoreCase)
        && !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
        && !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(route);
        var value = context.Request.Headers.Authorization.ToString();
        if (value.Length > MaxHeaderLength || !TryParse(value, out var apiKeyRange, out var signatureRange))
        {
            return Fail(SignedKeyErrors.Malformed);
        }

        if (!snapshot.SignedKeys.ApiKeyLookup.TryGetValue(value.AsSpan()[apiKeyRange], out var entry)
            || !snapshot.Clients.ById.TryGetValue(entry.ClientDbId, out var client))
        {
            return Fail(SignedKeyErrors.Unknown);
        }

        if ((clients.CheckStatus(client) ?? clients.CheckAccess(context, client, route.ApiId, allowedGroups: null)) is { } denied)
        {
            return Fail(denied);
        }

        var signature = new byte[SignedKeySignature.SignatureBytes];
        if (!SignedKeySignature.TryDecode(value.AsSpan()[signatureRange], signature))
        {
            return Fail(SignedKeyErrors.Signature);
        }

        return VerifyAsync(context, route, entry, client, signature);
    }

    public GatewayError? Consume(in CredentialOutcome outcome) =>
        outcome.State is SignedKeyEntry entry ? runtime.Consume(entry) : SignedKeyErrors.Unknown;

    public void Strip(HttpContext context, RouteInfo route) => context.Request.Headers.Remove(HeaderNames.Authorization);

    /// <summary>Splits "… DGRK &lt;apiKey&gt;.&lt;signature&gt;" (ranges into <paramref name="value"/>).</summary>
    internal static bool TryParse(string value, out Range apiKey, out Range signature)
    {
        apiKey = default;
        signature = default;
        var at = value.IndexOf(Scheme, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        var start = at + Scheme.Length;
        var end = value.Length;
        while (start < end && char.IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        var dot = value.IndexOf('.', start, end - start);
        if (dot <= start || dot >= end - 1)
        {
            return false;
        }

        apiKey = start..dot;
        signature = (dot + 1)..end;
        return true;
    }

    private async ValueTask<CredentialOutcome> VerifyAsync(HttpContext context, RouteInfo route, SignedKeyEntry entry, ClientEntry client, byte[] signature)
    {
        var (body, bodyError) = await ReadBodyAsync(context);
        if (bodyError is not null)
        {
            return CredentialOutcome.Fail(bodyError);
        }

        if (runtime.SecretOf(entry) is not { } secret || !Matches(body!, secret, signature))
        {
            return CredentialOutcome.Fail(SignedKeyErrors.Signature);
        }

        if (entry.Status == SignedKeyStatus.Revoked)
        {
            return CredentialOutcome.Fail(SignedKeyErrors.Revoked);
        }

        if (entry.Status == SignedKeyStatus.Expired || timeProvider.GetUtcNow().UtcDateTime >= entry.ExpiresAt)
        {
            return CredentialOutcome.Fail(SignedKeyErrors.Expired);
        }

        if (runtime.RemainingOf(entry) == 0)
        {
            return CredentialOutcome.Fail(SignedKeyErrors.UsedUp);
        }

        if (!entry.ApiIds.Contains(route.ApiId))
        {
            return CredentialOutcome.Fail(SignedKeyErrors.ApiDenied);
        }

        return new CredentialOutcome { Client = client, CredentialId = entry.ApiKey, ClientChecked = true, State = entry };
    }

    /// <summary>
    /// The recipe's minified body (JSON re-serialized without whitespace), and for JSON also the body with only its
    /// whitespace stripped (escapes kept as sent), so clients minifying either way are accepted. Constant-time compares.
    /// </summary>
    private static bool Matches(byte[] body, SignedKeySecret secret, byte[] signature)
    {
        Span<byte> expected = stackalloc byte[SignedKeySignature.SignatureBytes];
        var minified = SignedKeySignature.Minify(body);
        SignedKeySignature.Mac(minified, secret.Suffix, secret.Key, expected);
        if (CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return true;
        }

        if (minified.Length == 0 || ReferenceEquals(minified, body) || !LooksLikeJson(body))
        {
            return false;
        }

        var stripped = SignedKeySignature.StripWhitespace(body);
        if (stripped.AsSpan().SequenceEqual(minified))
        {
            return false;
        }

        SignedKeySignature.Mac(stripped, secret.Suffix, secret.Key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    private static bool LooksLikeJson(byte[] body)
    {
        var trimmed = body.AsSpan().Trim(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[' or (byte)'"';
    }

    private static async ValueTask<(byte[]? Body, GatewayError? Error)> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, SignedKeyErrors.BodyTooLarge);
        }

        if (request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return ([], null);
        }

        request.EnableBuffering();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return (null, SignedKeyErrors.BodyTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            request.Body.Position = 0;
            return (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, SignedKeyErrors.BodyTooLarge);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            return (null, GatewayError.BadRequest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static ValueTask<CredentialOutcome> Fail(GatewayError error) => new(CredentialOutcome.Fail(error));
}
