using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiManager.Admin.Tests.Browser;
using ApiManager.Admin.Tests.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiManager.Admin.Tests.OAuth;

/// <summary>
/// The authorization code flow through the whole product on its real listeners: the page on the console listener
/// (without an admin session, antiforgery through the console's pipeline), the code exchanged at the gateway.
/// </summary>
public sealed partial class AuthorizationCodeProductTests : IAsyncLifetime
{
    private const string RedirectUri = "http://127.0.0.1:9/cb";
    private const string UserPassword = "Sup3r secret!";

    private readonly RealServerFactory _factory = new();
    private HttpClient _admin = null!;
    private HttpClient _gateway = null!;

    public ValueTask InitializeAsync()
    {
        _factory.StartServer();
        _admin = new HttpClient { BaseAddress = _factory.ConsoleUri };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RealServerFactory.BootstrapToken);
        _gateway = new HttpClient { BaseAddress = _factory.GatewayUri };
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AuthorizationCode_RealListeners_PageSignsInApiUserAndCodeIsExchanged()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clientId = ApiHttp.UniqueName("code");
        var userName = ApiHttp.UniqueName("user");
        await CreateClientAsync(clientId);
        using (var user = await _admin.PostJsonAsync("/api-users", new { userName, displayName = "User " + userName, password = UserPassword, confirmPassword = UserPassword }))
        {
            Assert.True(user.StatusCode == HttpStatusCode.Created, await user.Content.ReadAsStringAsync(ct));
        }

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = _factory.ConsoleUri };
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["state"] = "s-1",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

        // Act
        using var discovery = await _gateway.GetAsync("/.well-known/openid-configuration", ct);
        using var configuration = JsonDocument.Parse(await discovery.Content.ReadAsStringAsync(ct));
        using var pageResponse = await browser.GetAsync(query, ct);
        var page = await pageResponse.Content.ReadAsStringAsync(ct);
        var form = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        form["username"] = userName;
        form["password"] = UserPassword;
        form["action"] = "allow";
        using var allowed = await browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(form), ct);
        var redirect = QueryHelpers.ParseQuery(allowed.Headers.Location?.Query);
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = redirect["code"].ToString(),
                ["redirect_uri"] = RedirectUri,
                ["code_verifier"] = verifier,
                ["client_id"] = clientId,
                ["client_secret"] = "Pa55 word!",
            }),
        };
        using var token = await _gateway.SendAsync(tokenRequest, ct);
        var tokenBody = await token.Content.ReadAsStringAsync(ct);

        // Assert
        Assert.Equal(new Uri(_factory.ConsoleUri, "/oauth/authorize").AbsoluteUri, configuration.RootElement.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("Client " + clientId, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("s-1", redirect["state"].ToString());
        Assert.True(token.StatusCode == HttpStatusCode.OK, tokenBody);
        using var tokens = JsonDocument.Parse(tokenBody);
        var jwt = new JsonWebToken(tokens.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(userName, jwt.GetClaim("username").Value);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
    }

    private async Task CreateClientAsync(string clientId)
    {
        using (var created = await _admin.PostJsonAsync("/clients", new
        {
            clientId,
            clientName = clientId,
            displayName = "Client " + clientId,
            password = "Pa55 word!",
            confirmPassword = "Pa55 word!",
            note = "authorization code test",
        }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using var read = await _admin.GetApiAsync($"/clients/{clientId}/token-settings");
        var settings = await read.ReadJsonAsync();
        using var put = await _admin.PutJsonAsync($"/clients/{clientId}/token-settings", new
        {
            allowedGrants = new[] { "authorization_code", "refresh_token" },
            accessTokenValidity = 600,
            accessTokenQuota = 0,
            refreshTokenValidity = 7200,
            refreshTokenQuota = 0,
            redirectUris = new[] { RedirectUri },
            concurrencyStamp = settings.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // The page and the token endpoint read the client from the gateway's snapshot: wait for it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var probe = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = clientId, ["client_secret"] = "Pa55 word!" }),
            };
            using var response = await _gateway.SendAsync(probe, timeout.Token);
            if (!(await response.Content.ReadAsStringAsync(timeout.Token)).Contains("invalid_client", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _gateway.Dispose();
        await _factory.DisposeAsync();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\" />")]
    private static partial Regex HiddenInput();
}
