using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiManager.Admin.Tests.Browser;
using ApiManager.Admin.Tests.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.OAuth;

/// <summary>
/// The authorization code flow through the whole product on its real listeners: the page on the console listener
/// (without an admin session, antiforgery through the console's pipeline), the code exchanged at the gateway.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AuthorizationCodeProductTests(AuthorizationCodeProductFixture fixture) : IClassFixture<AuthorizationCodeProductFixture>
{
    [Fact]
    public async Task AuthorizationCode_RealListeners_PageSignsInApiUserAndCodeIsExchanged()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clientId = ApiHttp.UniqueName("code");
        var userName = ApiHttp.UniqueName("user");
        await fixture.CreateClientAsync(clientId);
        await fixture.CreateUserAsync(userName);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.ConsoleUri };
        var (verifier, query) = AuthorizationCodeProductFixture.NewRequest(clientId, "s-1");

        // Act
        using var discovery = await fixture.Gateway.GetAsync("/.well-known/openid-configuration", ct);
        using var configuration = JsonDocument.Parse(await discovery.Content.ReadAsStringAsync(ct));
        using var pageResponse = await browser.GetAsync(query, ct);
        var page = await pageResponse.Content.ReadAsStringAsync(ct);
        var form = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        form["username"] = userName;
        form["password"] = AuthorizationCodeProductFixture.UserPassword;
        form["action"] = "allow";
        using var allowed = await browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(form), ct);
        var redirect = QueryHelpers.ParseQuery(allowed.Headers.Location?.Query);
        var (tokenStatus, tokenBody) = await fixture.ExchangeAsync(clientId, redirect["code"].ToString(), verifier, ct);

        // Assert
        Assert.Equal(new Uri(fixture.ConsoleUri, "/oauth/authorize").AbsoluteUri, configuration.RootElement.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("Client " + clientId, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("s-1", redirect["state"].ToString());
        Assert.True(tokenStatus == HttpStatusCode.OK, tokenBody);
        using var tokens = JsonDocument.Parse(tokenBody);
        var jwt = new JsonWebToken(tokens.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(userName, jwt.GetClaim("username").Value);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
    }

    [Fact]
    public async Task AuthorizationCode_Chromium_WrongPasswordThenAllowReachesRedirectWithCode()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clientId = ApiHttp.UniqueName("chrome");
        var userName = ApiHttp.UniqueName("user");
        await fixture.CreateClientAsync(clientId);
        await fixture.CreateUserAsync(userName);
        var (verifier, query) = AuthorizationCodeProductFixture.NewRequest(clientId, "chrome-state");
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.ConsoleUri.ToString() });
        var page = await context.NewPageAsync();
        string? landed = null;
        await page.RouteAsync(AuthorizationCodeProductFixture.RedirectUri + "**", async route =>
        {
            landed = route.Request.Url;
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<h1>Back at the app</h1>" });
        });

        // Act
        await page.GotoAsync(query);
        var title = await page.TextContentAsync("#client-name");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#allow");
        var error = await page.TextContentAsync("#authorize-error");
        await page.FillAsync("#password", AuthorizationCodeProductFixture.UserPassword);
        await page.ClickAsync("#allow");
        await page.WaitForURLAsync(url => url.StartsWith(AuthorizationCodeProductFixture.RedirectUri, StringComparison.Ordinal));
        var parameters = QueryHelpers.ParseQuery(new Uri(landed!).Query);
        var (tokenStatus, tokenBody) = await fixture.ExchangeAsync(clientId, parameters["code"].ToString(), verifier, ct);

        // Assert
        Assert.Equal("Client " + clientId, title);
        Assert.Equal("The user name or password is wrong.", error);
        Assert.Equal("chrome-state", parameters["state"].ToString());
        Assert.True(tokenStatus == HttpStatusCode.OK, tokenBody);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\" />")]
    private static partial Regex HiddenInput();
}
