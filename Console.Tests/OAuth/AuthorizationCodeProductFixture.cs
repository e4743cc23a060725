using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ApiManager.Admin.Tests.Browser;
using ApiManager.Admin.Tests.Shared;
using Microsoft.AspNetCore.WebUtilities;

namespace ApiManager.Admin.Tests.OAuth;

/// <summary>The whole product on real listeners for the authorization-code tests, with admin-API helpers.</summary>
public sealed class AuthorizationCodeProductFixture : IAsyncLifetime
{
    public const string RedirectUri = "http://127.0.0.1:9/cb";
    public const string ClientSecret = "Pa55 word!";
    public const string UserPassword = "Sup3r secret!";

    private readonly RealServerFactory _factory = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public Uri ConsoleUri => _factory.ConsoleUri;

    public ValueTask InitializeAsync()
    {
        _factory.StartServer();
        Admin = new HttpClient { BaseAddress = _factory.ConsoleUri };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RealServerFactory.BootstrapToken);
        Gateway = new HttpClient { BaseAddress = _factory.GatewayUri };
        return ValueTask.CompletedTask;
    }

    /// <summary>A PKCE pair and the authorization URL (relative to the console) asking for a code.</summary>
    public static (string Verifier, string PathAndQuery) NewRequest(string clientId, string state)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return (verifier, query);
    }

    /// <summary>Exchanges a code at the gateway (client_secret_post); returns the status and the body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ExchangeAsync(string clientId, string code, string verifier, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = RedirectUri,
                ["code_verifier"] = verifier,
                ["client_id"] = clientId,
                ["client_secret"] = ClientSecret,
            }),
        };
        using var response = await Gateway.SendAsync(request, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>An API user (any client) with <see cref="UserPassword"/>.</summary>
    public async Task CreateUserAsync(string userName)
    {
        using var user = await Admin.PostJsonAsync("/api-users", new { userName, displayName = "User " + userName, password = UserPassword, confirmPassword = UserPassword });
        Assert.True(user.StatusCode == HttpStatusCode.Created, await user.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A client allowed the authorization_code and refresh_token grants with <see cref="RedirectUri"/>; waits until the gateway knows it.</summary>
    public async Task CreateClientAsync(string clientId)
    {
        var ct = TestContext.Current.CancellationToken;
        using (var created = await Admin.PostJsonAsync("/clients", new
        {
            clientId,
            clientName = clientId,
            displayName = "Client " + clientId,
            password = ClientSecret,
            confirmPassword = ClientSecret,
            note = "authorization code test",
        }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        }

        using var read = await Admin.GetApiAsync($"/clients/{clientId}/token-settings");
        var settings = await read.ReadJsonAsync();
        using var put = await Admin.PutJsonAsync($"/clients/{clientId}/token-settings", new
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

        // The page and the token endpoint read the client from the gateway's snapshot: wait until it authenticates.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var probe = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = clientId, ["client_secret"] = ClientSecret }),
            };
            using var response = await Gateway.SendAsync(probe, timeout.Token);
            if (!(await response.Content.ReadAsStringAsync(timeout.Token)).Contains("invalid_client", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Gateway.Dispose();
        await _factory.DisposeAsync();
    }
}
