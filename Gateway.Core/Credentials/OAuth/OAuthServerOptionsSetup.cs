using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// Feeds OpenIddict's options from the key ring: the active key signs, the encryption key protects refresh tokens,
/// retired keys still validate (introspection, revocation). The ring's change token makes the options monitor rebuild
/// the options after a rotation, so no restart is needed. Also sets the issuer.
/// </summary>
internal sealed class OAuthServerOptionsSetup(OAuthKeyRing keyRing, OAuthIssuer issuer) :
    IConfigureOptions<OpenIddictServerOptions>,
    IPostConfigureOptions<OpenIddictServerOptions>,
    IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string Name => Options.DefaultName;

    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = keyRing.Current;
        options.SigningCredentials.Add(keys.ActiveCredentials);
        options.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        if (issuer.Uri is { } uri)
        {
            options.Issuer = uri;
        }
    }

    /// <summary>Runs after OpenIddict's own post-configuration, which set the validation keys from the signing credentials.</summary>
    public void PostConfigure(string? name, OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = keyRing.Current;
        options.TokenValidationParameters.IssuerSigningKeys = [.. keys.Published.Values.Select(k => (SecurityKey)k.Key)];
    }

    public IChangeToken GetChangeToken() => keyRing.GetChangeToken();
}
