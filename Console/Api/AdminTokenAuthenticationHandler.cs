using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ApiManager.Admin.Account;
using ApiManager.Admin.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Api;

/// <summary>
/// Bearer authentication of the admin REST API: a personal access token (validated by <see cref="AccessTokenService"/>)
/// or the optional bootstrap token <c>Admin:ApiToken</c>, which acts as an Administrator named <c>bootstrap</c>.
/// </summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenService tokens,
    IOptionsMonitor<AdminOptions> adminOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        // Two headers could be read differently by proxies and by us; refuse rather than pick one.
        if (headers.Count > 1)
        {
            return AuthenticateResult.Fail("Send exactly one Authorization header.");
        }

        var header = headers[0] ?? "";
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Use the Bearer scheme: 'Authorization: Bearer <token>'.");
        }

        var value = header[BearerPrefix.Length..].Trim();
        if (value.Length == 0)
        {
            return AuthenticateResult.Fail("The bearer token is empty.");
        }

        if (IsBootstrapToken(value))
        {
            return Success(new Claim(ClaimTypes.Name, AdminTokenDefaults.BootstrapUserName), new Claim(ClaimTypes.Role, AdminRoles.Administrator),
                new Claim(AdminTokenDefaults.BootstrapClaim, "true"));
        }

        var owner = await tokens.ValidateAsync(value, Context.RequestAborted);
        if (owner is null)
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked, or its user is disabled.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, owner.UserId),
            new(ClaimTypes.Name, owner.UserName),
            new(AdminTokenDefaults.TokenNameClaim, owner.TokenName),
        };
        claims.AddRange(owner.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return Success([.. claims]);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = result.Failure?.Message ?? "Send an admin personal access token: 'Authorization: Bearer <token>'.";
        await AdminApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AdminApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This operation needs the Administrator role; Operators may only read.");

    private bool IsBootstrapToken(string value)
    {
        var configured = adminOptions.CurrentValue.ApiToken;
        if (string.IsNullOrEmpty(configured))
        {
            return false;
        }

        // Hashing first gives equal lengths, so the comparison time says nothing about the configured value.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
    }

    private AuthenticateResult Success(params Claim[] claims)
    {
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}

/// <summary>Names used by <see cref="AdminTokenAuthenticationHandler"/>.</summary>
internal static class AdminTokenDefaults
{
    public const string AuthenticationScheme = "AdminToken";

    /// <summary>User name the bootstrap token acts as (in the audit log, for instance).</summary>
    public const string BootstrapUserName = "bootstrap";

    public const string BootstrapClaim = "apimanager:bootstrap";

    public const string TokenNameClaim = "apimanager:token_name";
}
