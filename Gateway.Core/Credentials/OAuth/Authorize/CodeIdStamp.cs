using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ApiManager.Gateway.Credentials.OAuth.Authorize;

/// <summary>
/// Gives each authorization code a private id claim before OpenIddict generates it; the token endpoint records that id
/// when the code is redeemed (degraded mode keeps no code records of its own).
/// </summary>
internal static class CodeIdStamp
{
    /// <summary>Private claim carrying the code's id.</summary>
    public const string Claim = "am_cid";

    public static string? IdOf(ClaimsPrincipal? principal) => principal?.GetClaim(Claim);

    public static OpenIddictServerHandlerDescriptor Create(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseInlineHandler(static context =>
            {
                context.AuthorizationCodePrincipal?.SetClaim(Claim, Guid.NewGuid().ToString("N"));
                return default;
            })
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();
}
