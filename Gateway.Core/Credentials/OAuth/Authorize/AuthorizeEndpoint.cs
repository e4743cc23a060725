using System.Globalization;
using System.Security.Claims;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ApiManager.Gateway.Credentials.OAuth.Authorize;

/// <summary>
/// The authorization endpoint's page (OpenIddict passthrough, console listener, no admin cookie). OpenIddict has
/// validated the request (client, redirect URL, PKCE) before it gets here; a refused request gets an error page (error
/// passthrough). GET shows the page; POST (antiforgery
/// checked) with Allow and a valid API user signs the user in with OpenIddict, which redirects with code and state;
/// Deny redirects with <c>access_denied</c>; wrong credentials show the form again.
/// </summary>
internal static class AuthorizeEndpoint
{
    private const int MaxFieldLength = 256;

    public static IEndpointRouteBuilder MapAuthorizePage(this IEndpointRouteBuilder app)
    {
        app.MapMethods(OAuthServiceCollectionExtensions.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], HandleAsync)
            .WithMetadata(ListenerMetadata.Console)
            .WithDisplayName("OAuth authorization page")
            .ExcludeFromDescription()
            .DisableAntiforgery()
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IAntiforgery antiforgery, AuthorizeClientStore clients, IServiceProvider services)
    {
        var ct = http.RequestAborted;

        // A request OpenIddict refused without a valid redirect URL (error passthrough): shown here, never redirected.
        if (http.GetOpenIddictServerResponse() is { Error: { Length: > 0 } refused } refusal)
        {
            return Page(AuthorizePage.RenderError($"{refused}: {refusal.ErrorDescription}"), StatusCodes.Status400BadRequest);
        }

        var request = http.GetOpenIddictServerRequest();
        if (request is null)
        {
            return Results.NotFound();
        }

        var (client, error) = await clients.FindAsync(request.ClientId, ct);
        if (client is null)
        {
            return Page(AuthorizePage.RenderError(error ?? "The client is unknown."), StatusCodes.Status400BadRequest);
        }

        if (HttpMethods.IsGet(http.Request.Method))
        {
            return Form(antiforgery, http, client, http.Request.Query, null, null);
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(AuthorizePage.RenderError("The form has expired. Start the sign-in again from the application."), StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var action = form["action"].ToString();
        if (action == "deny")
        {
            var denied = new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user denied the request.",
            });
            return Results.Forbid(denied, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var userName = form["username"].ToString();
        if (action != "allow")
        {
            return Form(antiforgery, http, client, form, userName, "Choose Allow or Deny.");
        }

        var verifier = services.GetService<IResourceOwnerVerifier>();
        if (verifier is null)
        {
            return Form(antiforgery, http, client, form, userName, "Sign-in is not available: no user store is configured.");
        }

        var password = form["password"].ToString();
        var owner = userName.Length is 0 or > MaxFieldLength || password.Length is 0 or > MaxFieldLength
            ? null
            : await verifier.VerifyAsync(userName, password, client.Info.Client.ClientId, ct);
        if (owner is null)
        {
            return Form(antiforgery, http, client, form, userName, "The user name or password is wrong.");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, owner.Id.ToString(CultureInfo.InvariantCulture));
        identity.SetClaim(Claims.Username, owner.UserName);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Form(IAntiforgery antiforgery, HttpContext http, AuthorizeClient client, IEnumerable<KeyValuePair<string, StringValues>> parameters, string? userName, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = AuthorizePage.Render(client.DisplayName, client.Info.ScopeNames, parameters, tokens, userName, error);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Page(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
