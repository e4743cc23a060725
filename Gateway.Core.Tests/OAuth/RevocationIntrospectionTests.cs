using System.Net;
using System.Text.Json;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>RFC 7009 revocation, RFC 7662 introspection, discovery and JWKS on the gateway listener.</summary>
public sealed class RevocationIntrospectionTests(OAuthFixture fixture) : IClassFixture<OAuthFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Introspect_ActiveToken_ReturnsClaims()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("intro", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);
        var (_, tokens) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, ct);
        var token = tokens.GetProperty("access_token").GetString()!;

        // Act
        var (status, body) = await IntrospectAsync(client.ClientId, token, ct);

        // Assert
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(client.ClientId, body.GetProperty("client_id").GetString());
        Assert.Equal(FakeResourceOwnerVerifier.UserName, body.GetProperty("username").GetString());
        Assert.Equal("42", body.GetProperty("sub").GetString());
        Assert.Equal(new JsonWebToken(token).Id, body.GetProperty("jti").GetString());
        Assert.Equal(Host.Gateway.BaseAddress!.AbsoluteUri, body.GetProperty("iss").GetString());
        Assert.True(body.TryGetProperty("exp", out _));
        Assert.True(body.TryGetProperty("iat", out _));
        Assert.True(body.TryGetProperty("scope", out _));
    }

    [Fact]
    public async Task Introspect_RevokedToken_Inactive()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("introrev", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        await RevokeAsync(client.ClientId, token, ct);

        // Act
        var (status, body) = await IntrospectAsync(client.ClientId, token, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("active").GetBoolean());
        Assert.False(body.TryGetProperty("client_id", out _));
    }

    [Fact]
    public async Task Introspect_ExpiredToken_Inactive()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("introexp", ct, customize: c => c.AccessTokenValidity = 60);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        fixture.Clock.Advance(TimeSpan.FromSeconds(120));

        // Act
        var (status, body) = await IntrospectAsync(client.ClientId, token, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspect_UsedUpToken_Inactive()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("introused", ct, customize: c => c.AccessTokenQuota = 1);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        using var call = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Act
        var (status, body) = await IntrospectAsync(client.ClientId, token, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspect_GarbageToken_InactiveNot500()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("introbad", ct);

        // Act
        var (status, body) = await IntrospectAsync(client.ClientId, "garbage.token.value", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspect_WrongSecret_InvalidClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("introsecret", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Act
        var (status, body) = await OAuthTestClient.PostAsync(Host.Gateway, "/oauth/introspect", new Dictionary<string, string> { ["token"] = token }, (client.ClientId, "wrong"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesFamilyAndRefreshFails()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("revfam", ct, OAuthGrants.Password | OAuthGrants.RefreshToken);
        var (_, tokens) = await OAuthTestClient.PasswordAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, FakeResourceOwnerVerifier.UserName, FakeResourceOwnerVerifier.Password, ct);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        // Act
        var status = await RevokeAsync(client.ClientId, refresh, ct);
        var (refreshStatus, refreshBody) = await OAuthTestClient.RefreshAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, refresh, ct);
        using var call = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, tokens.GetProperty("access_token").GetString()!), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.BadRequest, refreshStatus);
        Assert.Equal("invalid_grant", refreshBody.GetProperty("error").GetString());
        await ProblemBody.AssertAsync(call, 401, "invalid_token", ct);
    }

    [Fact]
    public async Task Revoke_UnknownToken_200()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("revunknown", ct);

        // Act
        var status = await RevokeAsync(client.ClientId, "not-a-token-we-issued", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Revoke_AnotherClientsToken_200ButStillValid()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, owner) = await fixture.SetupAsync("revowner", ct);
        var (_, other) = await fixture.SetupAsync("revother", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, owner.ClientId, OAuthFixture.Password, ct);

        // Act
        var status = await RevokeAsync(other.ClientId, token, ct);
        using var call = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task Revoke_WithoutClientAuthentication_InvalidClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("revnoauth", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Act
        var (status, body) = await OAuthTestClient.PostAsync(Host.Gateway, "/oauth/revoke", new Dictionary<string, string> { ["token"] = token }, null, ct);
        using var call = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, body.ToString());
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task Discovery_ListsEndpointsAndIssuer()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var issuer = Host.Gateway.BaseAddress!.AbsoluteUri;

        // Act
        var body = JsonDocument.Parse(await Host.Gateway.GetStringAsync("/.well-known/openid-configuration", ct)).RootElement;
        using var onConsole = await Host.Console.GetAsync("/.well-known/openid-configuration", ct);

        // Assert
        Assert.Equal(issuer, body.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "oauth/token", body.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "oauth/revoke", body.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(issuer + "oauth/introspect", body.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(issuer + ".well-known/jwks.json", body.GetProperty("jwks_uri").GetString());
        var grants = body.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("client_credentials", grants);
        Assert.Contains("refresh_token", grants);
        var methods = body.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("client_secret_basic", methods);
        Assert.Contains("client_secret_post", methods);
        Assert.NotEqual(HttpStatusCode.OK, onConsole.StatusCode);
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> IntrospectAsync(string clientId, string token, CancellationToken ct) =>
        OAuthTestClient.PostAsync(Host.Gateway, "/oauth/introspect", new Dictionary<string, string> { ["token"] = token }, (clientId, OAuthFixture.Password), ct);

    private async Task<HttpStatusCode> RevokeAsync(string clientId, string token, CancellationToken ct) =>
        (await OAuthTestClient.PostAsync(Host.Gateway, "/oauth/revoke", new Dictionary<string, string> { ["token"] = token }, (clientId, OAuthFixture.Password), ct)).Status;
}
