using System.Net;
using System.Text.Json;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>
/// Authorization code with PKCE (S256): the sign-in and consent page on the console listener, the code exchange at the
/// gateway's token endpoint, and every refusal on the way.
/// </summary>
public sealed class AuthorizationCodeTests(OAuthFixture fixture) : IClassFixture<OAuthFixture>
{
    private const OAuthGrants CodeGrants = OAuthGrants.AuthorizationCode | OAuthGrants.RefreshToken;

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task AuthorizationCode_FullFlow_IssuesUserTokensThatCallTheApi()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("flow", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (verifier, challenge) = AuthorizeTestBrowser.NewPkce();

        // Act
        var (pageStatus, page, _) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);
        var (status, _, location) = await browser.SubmitAsync(page, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, "allow", ct);
        var redirect = AuthorizeTestBrowser.Parameters(location!);
        var (tokenStatus, tokens) = await ExchangeAsync(client, redirect["code"], verifier, ct);
        Assert.True(tokenStatus == HttpStatusCode.OK, tokens.ToString());
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        using var call = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, accessToken), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.Contains(client.DisplayName, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith(AuthorizeTestBrowser.RedirectUri + "?", location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("state-1", redirect["state"]);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
        var jwt = new JsonWebToken(accessToken);
        Assert.Equal(FakeResourceOwnerVerifier.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), jwt.Subject);
        Assert.Equal(FakeResourceOwnerVerifier.UserName, jwt.GetClaim("username").Value);
        Assert.Equal(client.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        var echo = await EchoResponse.ReadAsync(call, ct);
        Assert.Equal(jwt.Id, echo.Header("X-Credential-Identifier"));
        var row = await Host.Services.GetRequiredService<OAuthTokenStore>().FindAsync(jwt.Id, ct);
        Assert.Equal(FakeResourceOwnerVerifier.UserName, row!.UserName);
    }

    [Fact]
    public async Task Token_CodeReplay_InvalidGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("replay", ct);
        var (code, verifier) = await AuthorizeAsync(client, ct);
        var (first, _) = await ExchangeAsync(client, code, verifier, ct);

        // Act
        var (status, body) = await ExchangeAsync(client, code, verifier, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Contains("already been used", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_RefreshOfCodeTokens_KeepsTheUser()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("refresh", ct);
        var (code, verifier) = await AuthorizeAsync(client, ct);
        var (_, tokens) = await ExchangeAsync(client, code, verifier, ct);

        // Act
        var (status, body) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, tokens.GetProperty("refresh_token").GetString()!, ct);

        // Assert
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("42", jwt.Subject);
        Assert.Equal(FakeResourceOwnerVerifier.UserName, jwt.GetClaim("username").Value);
    }

    [Fact]
    public async Task Token_ExpiredCode_InvalidGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("expired", ct);
        var (code, verifier) = await AuthorizeAsync(client, ct);
        fixture.Clock.Advance(TimeSpan.FromMinutes(6));

        // Act
        var (status, body) = await ExchangeAsync(client, code, verifier, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Contains("no longer valid", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("verifier", ct);
        var (code, _) = await AuthorizeAsync(client, ct);

        // Act
        var (status, body) = await ExchangeAsync(client, code, AuthorizeTestBrowser.NewPkce().Verifier, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_MissingVerifier_InvalidRequestOrGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("noverifier", ct);
        var (code, _) = await AuthorizeAsync(client, ct);

        // Act
        var (status, body) = await ExchangeAsync(client, code, null, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body.GetProperty("error").GetString(), new[] { "invalid_request", "invalid_grant" });
    }

    [Fact]
    public async Task Token_CodeOfAnotherClient_InvalidGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, owner) = await SetupAsync("owner", ct);
        var (_, thief) = await SetupAsync("thief", ct);
        var (code, verifier) = await AuthorizeAsync(owner, ct);

        // Act
        var (status, body) = await ExchangeAsync(thief, code, verifier, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WrongClientSecret_InvalidClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("badsecret", ct);
        var (code, verifier) = await AuthorizeAsync(client, ct);
        var form = ExchangeForm(code, verifier);

        // Act
        var (status, body) = await OAuthTestClient.PostAsync(Host.Gateway, "/oauth/token", form, (client.ClientId, "wrong-secret"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_MissingCodeChallenge_ErrorWithoutRedirect()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("nochallenge", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);

        // Act
        var (status, body, response) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, null, null), ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(response.Headers.Location);
        Assert.Contains("code_challenge", body, StringComparison.Ordinal);
        response.Dispose();
    }

    [Fact]
    public async Task Authorize_PlainMethod_ErrorWithoutRedirect()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("plain", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (verifier, _) = AuthorizeTestBrowser.NewPkce();

        // Act
        var (status, body, response) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, verifier, "plain"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(response.Headers.Location);
        Assert.Contains("code_challenge_method", body, StringComparison.Ordinal);
        response.Dispose();
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_ErrorPageWithoutRedirect()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("redirect", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();

        // Act
        var (status, body, response) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge, redirectUri: AuthorizeTestBrowser.RedirectUri + "/other"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri is not registered", body, StringComparison.Ordinal);
        Assert.Contains("<h1>Authorization failed</h1>", body, StringComparison.Ordinal);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        response.Dispose();
    }

    [Fact]
    public async Task Authorize_ClientWithoutGrant_UnauthorizedClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("nocode", ct, OAuthGrants.Password, c => c.RedirectUris = AuthorizeTestBrowser.RedirectUri);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();

        // Act
        var (status, body, response) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(response.Headers.Location);
        Assert.Contains("unauthorized_client", body, StringComparison.Ordinal);
        response.Dispose();
    }

    [Fact]
    public async Task Authorize_UnknownOrDisabledClient_UnauthorizedClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("disabled", ct);
        await ClientSeeder.UpdateClientAsync(Host, client.Id, c => c.Status = ClientStatus.Disabled, ct);
        await fixture.WaitForConfigAsync(ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();

        // Act
        var (disabledStatus, disabledBody, disabled) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);
        var (unknownStatus, unknownBody, unknown) = await browser.GetAsync(AuthorizeTestBrowser.Query("no-such-client", challenge), ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, disabledStatus);
        Assert.Contains("unauthorized_client", disabledBody, StringComparison.Ordinal);
        Assert.Contains("disabled", disabledBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus);
        Assert.Contains("unauthorized_client", unknownBody, StringComparison.Ordinal);
        Assert.Null(disabled.Headers.Location);
        Assert.Null(unknown.Headers.Location);
        disabled.Dispose();
        unknown.Dispose();
    }

    [Fact]
    public async Task Authorize_ResponseTypeToken_ErrorWithoutRedirect()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("rtype", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();

        // Act
        var (status, body, response) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge, responseType: "token"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(response.Headers.Location);
        Assert.Contains("unsupported_response_type", body, StringComparison.Ordinal);
        response.Dispose();
    }

    [Fact]
    public async Task Authorize_WrongPassword_ShowsFormAgainWithError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("wrongpw", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();
        var (_, page, _) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);

        // Act
        var (status, body, location) = await browser.SubmitAsync(page, FakeResourceOwnerVerifier.UserName, "wrong-password", "allow", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(location);
        Assert.Contains("id=\"authorize-error\"", body, StringComparison.Ordinal);
        Assert.Contains("The user name or password is wrong.", body, StringComparison.Ordinal);
        var fields = AuthorizeTestBrowser.HiddenFields(body);
        Assert.Equal(challenge, fields["code_challenge"]);
        Assert.Equal("state-1", fields["state"]);
        Assert.DoesNotContain("wrong-password", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UserNotAllowedForClient_ShowsFormAgainWithError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("restricted", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();
        var (_, page, _) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);

        // Act
        var (status, body, location) = await browser.SubmitAsync(page, FakeResourceOwnerVerifier.RestrictedUserName, FakeResourceOwnerVerifier.Password, "allow", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(location);
        Assert.Contains("The user name or password is wrong.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthorizeForm_AsOpenIddictLogsIt_PasswordRedacted()
    {
        // Arrange: the page's form post is the authorization request OpenIddict extracts and logs.
        var request = new OpenIddict.Abstractions.OpenIddictRequest
        {
            ClientId = "c1",
            Username = FakeResourceOwnerVerifier.UserName,
            Password = "Secret-Form-Password",
        };

        // Act
        var logged = request.ToString();

        // Assert
        Assert.Contains("c1", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Form-Password", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_Deny_RedirectsWithAccessDenied()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("deny", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();
        var (_, page, _) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);

        // Act
        var (status, _, location) = await browser.SubmitAsync(page, "", "", "deny", ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith(AuthorizeTestBrowser.RedirectUri + "?", location!.AbsoluteUri, StringComparison.Ordinal);
        var parameters = AuthorizeTestBrowser.Parameters(location);
        Assert.Equal("access_denied", parameters["error"]);
        Assert.Equal("state-1", parameters["state"]);
        Assert.False(parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_PostWithoutAntiforgeryToken_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("csrf", ct);
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();
        var (_, page, _) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);

        // Act
        var (status, body, location) = await browser.SubmitAsync(page, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, "allow", ct,
            form => form.Remove(form.Keys.Single(k => k.StartsWith("__RequestVerificationToken", StringComparison.Ordinal))));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(location);
        Assert.Contains("The form has expired", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_OnGatewayListener_NotServed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("gwauth", ct);
        var (_, challenge) = AuthorizeTestBrowser.NewPkce();

        // Act
        using var response = await Host.Gateway.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Token_OnConsoleListener_NotServed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await SetupAsync("consoletoken", ct);

        // Act
        var (status, _) = await OAuthTestClient.ClientCredentialsAsync(Host.Console, client.ClientId, OAuthFixture.Password, ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Discovery_PublishesConsoleAuthorizationEndpointAndS256Only()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        using var response = await Host.Gateway.GetAsync("/.well-known/openid-configuration", ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = document.RootElement;

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Uri(Host.Console.BaseAddress!, "/oauth/authorize").AbsoluteUri, root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Contains("authorization_code", root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith(Host.Gateway.BaseAddress!.AbsoluteUri, root.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
    }

    private Task<(string Path, ApiClient Client)> SetupAsync(string stem, CancellationToken ct) =>
        fixture.SetupAsync(stem, ct, CodeGrants, c => c.RedirectUris = AuthorizeTestBrowser.RedirectUri + "\nhttp://127.0.0.1:9/second");

    /// <summary>Runs the page with the fake user and Allow; returns the code and the PKCE verifier.</summary>
    private async Task<(string Code, string Verifier)> AuthorizeAsync(ApiClient client, CancellationToken ct)
    {
        using var browser = new AuthorizeTestBrowser(Host.Console.BaseAddress!);
        var (verifier, challenge) = AuthorizeTestBrowser.NewPkce();
        var (_, page, _) = await browser.GetAsync(AuthorizeTestBrowser.Query(client.ClientId, challenge), ct);
        var (status, body, location) = await browser.SubmitAsync(page, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, "allow", ct);
        Assert.True(status == HttpStatusCode.Redirect, body);
        return (AuthorizeTestBrowser.Parameters(location!)["code"], verifier);
    }

    private static Dictionary<string, string> ExchangeForm(string code, string? verifier)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = AuthorizeTestBrowser.RedirectUri,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return form;
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> ExchangeAsync(ApiClient client, string code, string? verifier, CancellationToken ct) =>
        OAuthTestClient.PostAsync(Host.Gateway, "/oauth/token", ExchangeForm(code, verifier), (client.ClientId, OAuthFixture.Password), ct);
}
