using ApiManager.Gateway.Credentials.OAuth.Authorize;
using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Puts the OAuth server in the pipeline. OpenIddict answers its endpoints from the authentication middleware; the
/// gateway does not run authentication for proxied traffic, so it runs only for the OAuth paths (on the gateway
/// listener) and the authorization endpoint (on the console listener), whose page is mapped here too.
/// </summary>
internal static class OAuthApplicationBuilderExtensions
{
    // WebApplication adds UseAuthentication to the whole pipeline when authentication services exist, unless this is set.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static WebApplication UseOAuthServer(this WebApplication app)
    {
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseWhen(IsOAuthRequest, oauth => oauth.UseAuthentication());
        app.MapAuthorizePage();
        return app;
    }

    private static bool IsOAuthRequest(HttpContext context)
    {
        var path = context.Request.Path;
        return context.Features.Get<IListenerFeature>()?.Listener switch
        {
            ListenerKind.Gateway => path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase),
            ListenerKind.Console => path.Equals(OAuthServiceCollectionExtensions.AuthorizePath, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
