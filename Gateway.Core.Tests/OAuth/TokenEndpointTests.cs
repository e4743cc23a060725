using System.Net;
using System.Text.Json;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>The token endpoint through a real gateway host: grants, client authentication, claims, refresh rotation.</summary>
public sealed class TokenEndpointTests(OAuthFixture fixture) : IClassFixture<OAuthFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Token_ClientCredentials_IssuesSignedJwtWithClaims()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("cc", ct);

        // Act
        var (status, body) = await OAuthTestClient.ClientCredentialsAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Assert
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString(), ignoreCase: true);
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("RS256", jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal(client.ClientId, jwt.Subject);
        Assert.Equal(client.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(client.ClientId.Replace("-client", "", StringComparison.Ordinal), jwt.GetClaim("scope").Value);
        Assert.Equal(["apimanager-gateway"], jwt.Audiences);
        Assert.Equal(Host.Gateway.BaseAddress!.AbsoluteUri, jwt.Issuer);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(3600, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds, 1);
    }

    [Fact]
    public async Task Token_ClientSecretPost_Accepted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("post", ct);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = OAuthFixture.Password };

        // Act
        var (status, body) = await OAuthTestClient.PostAsync(Host.Gateway, "/oauth/token", form, null, ct);

        // Assert
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.True(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Token_WrongSecret_InvalidClientAndCountedTowardLockout()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("wrong", ct);

        // Act
        var (status, body) = await OAuthTestClient.ClientCredentialsAsync(Host.Gateway, client.ClientId, "not-the-secret", ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
        Assert.DoesNotContain("not-the-secret", body.ToString(), StringComparison.Ordinal);
        await WaitForAsync(async () => (await ClientSeeder.ReadClientAsync(Host, client.Id, ct)).FailedAttempts == 1, ct);
    }

    [Fact]
    public async Task Token_UnknownClient_InvalidClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var (status, body) = await OAuthTestClient.ClientCredentialsAsync(Host.Gateway, "nobody-here", "whatever", ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_DisabledClient_InvalidClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("disabled", ct, customize: c => c.Status = ClientStatus.Disabled);

        // Act
        var (status, body) = await OAuthTestClient.ClientCredentialsAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Contains("disabled", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_GrantNotAllowed_UnauthorizedClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("nogrant", ct, OAuthGrants.Password);

        // Act
        var (status, body) = await OAuthTestClient.ClientCredentialsAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unauthorized_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_UnsupportedGrantType_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("badgrant", ct);
        var form = new Dictionary<string, string> { ["grant_type"] = "urn:made:up" };

        // Act
        var (status, body) = await OAuthTestClient.PostAsync(Host.Gateway, "/oauth/token", form, (client.ClientId, OAuthFixture.Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_Password_IssuesUserTokenWithRefreshToken()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("pw", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);

        // Act
        var (status, body) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, ct);

        // Assert
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("42", jwt.Subject);
        Assert.Equal(FakeResourceOwnerVerifier.UserName, jwt.GetClaim("username").Value);
        Assert.Equal(client.ClientId, jwt.GetClaim("client_id").Value);
    }

    [Fact]
    public async Task Token_PasswordUserRestrictedToAnotherClient_InvalidGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("pwother", ct, OAuthGrants.Password);

        // Act
        var (status, body) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password,
            FakeResourceOwnerVerifier.RestrictedUserName, FakeResourceOwnerVerifier.Password, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_PasswordWrongUserPassword_InvalidGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("pwbad", ct, OAuthGrants.Password);

        // Act
        var (status, body) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, "wrong", ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_Refresh_RotatesBothTokensAndRetiresOldAccessToken()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("refresh", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);
        var (_, first) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, ct);
        var oldAccess = first.GetProperty("access_token").GetString()!;
        var oldRefresh = first.GetProperty("refresh_token").GetString()!;

        // Act
        var (status, second) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, oldRefresh, ct);
        var (reuseStatus, reuse) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, oldRefresh, ct);
        using var oldCall = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, oldAccess), ct);
        using var newCall = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, second.GetProperty("access_token").GetString()!), ct);

        // Assert
        Assert.True(status == HttpStatusCode.OK, second.ToString());
        Assert.NotEqual(oldRefresh, second.GetProperty("refresh_token").GetString());
        Assert.Equal("42", new JsonWebToken(second.GetProperty("access_token").GetString()).Subject);
        Assert.Equal(HttpStatusCode.BadRequest, reuseStatus);
        Assert.Equal("invalid_grant", reuse.GetProperty("error").GetString());
        var problem = await ProblemBody.AssertAsync(oldCall, 401, "invalid_token", ct);
        Assert.Contains("rotated", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, newCall.StatusCode);
    }

    [Fact]
    public async Task Token_RefreshAfterUserDisabled_InvalidGrant()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("userdisabled", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);
        var users = (FakeResourceOwnerVerifier)Host.Services.GetRequiredService<IResourceOwnerVerifier>();
        var (_, first) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.DisposableUserName, FakeResourceOwnerVerifier.Password, ct);
        var (okStatus, second) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, first.GetProperty("refresh_token").GetString()!, ct);

        // Act
        users.Disabled[FakeResourceOwnerVerifier.DisposableUserId] = true;
        var (status, body) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, second.GetProperty("refresh_token").GetString()!, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Contains("disabled", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_RefreshBeyondQuota_InvalidGrantOverRefreshTokenAllowTimes()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("rquota", ct, OAuthGrants.Password | OAuthGrants.RefreshToken, c => c.RefreshTokenQuota = 2);
        var (_, body) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, ct);
        var refresh = body.GetProperty("refresh_token").GetString()!;

        // Act
        for (var i = 0; i < 2; i++)
        {
            var (ok, next) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, refresh, ct);
            Assert.True(ok == HttpStatusCode.OK, next.ToString());
            refresh = next.GetProperty("refresh_token").GetString()!;
        }

        var (status, third) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, refresh, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", third.GetProperty("error").GetString());
        Assert.Equal("Over Refresh Token Allow Times", third.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_ConcurrentRefreshWithSameToken_ExactlyOneWinsNo500()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("rrace", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);
        var (_, body) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, ct);
        var refresh = body.GetProperty("refresh_token").GetString()!;

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, refresh, ct)));

        // Assert
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal("invalid_grant", r.Body.GetProperty("error").GetString());
        });
    }

    [Fact]
    public async Task Token_RefreshTokenOfAnotherClient_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, owner) = await fixture.SetupAsync("rowner", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);
        var (_, thief) = await fixture.SetupAsync("rthief", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);
        var (_, body) = await OAuthTestClient.PasswordAsync(Host.Gateway, owner.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, ct);

        // Act
        var (status, answer) = await OAuthTestClient.RefreshAsync(Host.Gateway, thief.ClientId, OAuthFixture.Password, body.GetProperty("refresh_token").GetString()!, ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_MalformedRefreshToken_InvalidGrantNot500()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("rbad", ct);

        // Act
        var (status, body) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, new string('x', 5000) + ".a.b", ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    internal static async Task WaitForAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
