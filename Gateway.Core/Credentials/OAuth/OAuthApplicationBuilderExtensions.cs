using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Puts the OAuth server in the gateway listener's pipeline. OpenIddict answers its endpoints from the authentication
/// middleware; the gateway does not run authentication for proxied traffic, so it runs only for the OAuth paths.
/// </summary>
internal static class OAuthApplicationBuilderExtensions
{
    // WebApplication adds UseAuthentication to the whole pipeline when authentication services exist, unless this is set.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static WebApplication UseOAuthServer(this WebApplication app)
    {
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseWhen(IsOAuthRequest, oauth => oauth.UseAuthentication());
        return app;
    }

    private static bool IsOAuthRequest(HttpContext context)
    {
        if (context.Features.Get<IListenerFeature>() is not { Listener: ListenerKind.Gateway })
        {
            return false;
        }

        var path = context.Request.Path;
        return path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase);
    }
}
