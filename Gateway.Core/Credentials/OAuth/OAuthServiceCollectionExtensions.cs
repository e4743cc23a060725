using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Credentials.OAuth.Authorize;
using ApiManager.Gateway.Credentials.OAuth.Server;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OAuth 2.0 server (OpenIddict, degraded mode over our clients) and the gateway's bearer-token handler.</summary>
internal static class OAuthServiceCollectionExtensions
{
    public const string TokenPath = "/oauth/token";
    public const string AuthorizePath = "/oauth/authorize";
    public const string RevokePath = "/oauth/revoke";
    public const string IntrospectPath = "/oauth/introspect";
    public const string ConfigurationPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";

    public static IServiceCollection AddOAuthServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OAuthOptions>().Bind(configuration.GetSection(OAuthOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Audience), "OAuth:Audience must not be empty.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Issuer) || Uri.TryCreate(o.Issuer, UriKind.Absolute, out _), "OAuth:Issuer must be an absolute URL.")
            .ValidateOnStart();
        services.TryAddSingleton<OAuthIssuer>();
        services.TryAddSingleton<OAuthKeyRing>();
        services.TryAddSingleton<TokenRegistry>();
        services.TryAddSingleton<OAuthTokenStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpiredTokenCleaner, OAuthTokenStore>(sp => sp.GetRequiredService<OAuthTokenStore>()));
        services.TryAddSingleton<SigningKeyService>();
        services.TryAddSingleton<TokenSettingsService>();
        services.TryAddSingleton<TokenRegistrySync>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenRegistrySync>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISnapshotObserver, TokenRegistrySync>(sp => sp.GetRequiredService<TokenRegistrySync>()));
        services.AddHostedService<TokenUseWriter>();
        services.TryAddSingleton<AuthorizeClientStore>();
        services.AddAntiforgery();
        services.AddSingleton<ICredentialHandler, OAuthTokenHandler>();

        services.AddOpenIddict().AddServer(server =>
        {
            server.SetTokenEndpointUris(TokenPath[1..])
                .SetAuthorizationEndpointUris(AuthorizePath[1..])
                .SetRevocationEndpointUris(RevokePath[1..])
                .SetIntrospectionEndpointUris(IntrospectPath[1..])
                .SetConfigurationEndpointUris(ConfigurationPath[1..])
                .SetJsonWebKeySetEndpointUris(JwksPath[1..]);
            // The authorization code flow needs PKCE with S256 (plain, which OpenIddict would allow, is removed).
            server.AllowClientCredentialsFlow().AllowPasswordFlow().AllowRefreshTokenFlow().AllowAuthorizationCodeFlow();
            server.RequireProofKeyForCodeExchange();
            server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
            server.EnableDegradedMode();
            server.DisableAccessTokenEncryption();
            server.DisableScopeValidation();
            server.UseAspNetCore().DisableTransportSecurityRequirement().EnableAuthorizationEndpointPassthrough().EnableErrorPassthrough();

            server.AddEventHandler(GatewayListenerOnlyHandler.Create(InferEndpointType.Descriptor.Order + 1));
            server.AddEventHandler(ValidateAuthorizationRequestHandler.Create(Authentication.ValidateAuthentication.Descriptor.Order + 500));
            server.AddEventHandler(CodeIdStamp.Create(GenerateAuthorizationCode.Descriptor.Order - 1));
            server.AddEventHandler(PublishAuthorizationEndpointHandler.Create(Discovery.AttachEndpoints.Descriptor.Order + 500));
            server.AddEventHandler(AuthenticateClientHandler<ValidateTokenRequestContext>.Create(Exchange.ValidateAuthentication.Descriptor.Order - 500));
            server.AddEventHandler(CheckGrantHandler.Create(Exchange.ValidateAuthentication.Descriptor.Order - 400));
            server.AddEventHandler(IssueTokenHandler.Create(Exchange.AttachPrincipal.Descriptor.Order + 500));
            server.AddEventHandler(RecordTokensHandlers.CreateDecide(EvaluateGeneratedTokens.Descriptor.Order + 500));
            server.AddEventHandler(RecordTokensHandlers.CreateStampIds(GenerateAccessToken.Descriptor.Order - 1));
            server.AddEventHandler(RecordTokensHandlers.Create(AttachSignInParameters.Descriptor.Order - 500));
            server.AddEventHandler(AuthenticateClientHandler<ValidateRevocationRequestContext>.Create(Revocation.ValidateAuthentication.Descriptor.Order - 500));
            server.AddEventHandler(RevokeTokenHandler.Create(Revocation.AttachPrincipal.Descriptor.Order + 500));
            server.AddEventHandler(AuthenticateClientHandler<ValidateIntrospectionRequestContext>.Create(Introspection.ValidateAuthentication.Descriptor.Order - 500));
            server.AddEventHandler(IntrospectionStatusHandler.Create(Introspection.ValidateAuthentication.Descriptor.Order + 500));
            server.AddEventHandler(IntrospectionStatusHandler.CreateClaims(Introspection.AttachApplicationClaims.Descriptor.Order + 500));
            server.AddEventHandler(PublishKeysHandler.Create(Discovery.AttachSigningKeys.Descriptor.Order + 500));
        });

        // After OpenIddict's own registrations, so the post-configure step runs after OpenIddict's.
        services.AddSingleton<OAuthServerOptionsSetup>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<OAuthServerOptionsSetup>());
        services.AddSingleton<IPostConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<OAuthServerOptionsSetup>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<OAuthServerOptionsSetup>());
        return services;
    }
}
