using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>Bearer access tokens at the gateway: success, expiry, revocation, use counts, key rotation, forged and malformed tokens.</summary>
public sealed class BearerGatewayTests(OAuthFixture fixture) : IClassFixture<OAuthFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Call_ValidToken_ForwardsWithConsumerHeadersAndStripsToken()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("ok", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Equal(new JsonWebToken(token).Id, echo.Header("X-Credential-Identifier"));
        Assert.Null(echo.Header("Authorization"));
    }

    [Fact]
    public async Task Call_ExpiredToken_401SaysExpired()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("exp", ct, customize: c => c.AccessTokenValidity = 60);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        using var before = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));

        // Act
        using var after = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var problem = await ProblemBody.AssertAsync(after, 401, "invalid_token", ct);
        Assert.Contains("expired", problem.Detail, StringComparison.Ordinal);
        var challenge = Assert.Single(after.Headers.WwwAuthenticate).ToString();
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("expired", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_RevokedToken_401OnNextRequest()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("rev", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        using var before = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Act
        var (revokeStatus, _) = await OAuthTestClient.PostAsync(Host.Gateway, "/oauth/revoke",
            new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" }, (client.ClientId, OAuthFixture.Password), ct);
        using var after = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revokeStatus);
        var problem = await ProblemBody.AssertAsync(after, 401, "invalid_token", ct);
        Assert.Contains("revoked", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UseQuota_ExactlyNCallsPass()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("quota", ct, customize: c => c.AccessTokenQuota = 5);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Act
        var calls = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);
            return response.StatusCode;
        }));
        using var last = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.Equal(5, calls.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, calls.Count(s => s == HttpStatusCode.Unauthorized));
        var problem = await ProblemBody.AssertAsync(last, 401, "invalid_token", ct);
        Assert.Contains("Over Access Token Allow Times", problem.Detail, StringComparison.Ordinal);
        var jti = new JsonWebToken(token).Id;
        await TokenEndpointTests.WaitForAsync(async () => (await ReadTokenAsync(jti, ct))?.Uses == 5, ct);
    }

    [Fact]
    public async Task Call_UseCountsSurviveRegistryReload()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("reload", ct, customize: c => c.AccessTokenQuota = 2);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        using var first = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);
        var jti = new JsonWebToken(token).Id;
        await TokenEndpointTests.WaitForAsync(async () => (await ReadTokenAsync(jti, ct))?.Uses == 1, ct);
        var fresh = new TokenRegistry();
        var rows = await ReadAllTokensAsync(ct);

        // Act
        fresh.Merge(rows, fixture.Clock.GetUtcNow().UtcDateTime);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(fresh.TryGet(jti, out var entry));
        Assert.Equal(1, entry.Uses);
        Assert.True(entry.TryConsume());
        Assert.False(entry.TryConsume());
    }

    [Fact]
    public async Task Call_KeyRotation_OldTokensStayValidNewTokensUseNewKid()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("rotate", ct);
        var oldToken = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        var keys = Host.Services.GetRequiredService<SigningKeyService>();
        using var beforeRotation = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, oldToken), ct);

        // Act
        var rotated = await keys.RotateAsync(OAuthKeyAlgorithm.ES256, GatewayHost.TestActor, ct);
        await fixture.WaitForConfigAsync(ct);
        var newToken = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        using var oldCall = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, oldToken), ct);
        using var newCall = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, newToken), ct);
        var jwks = JsonDocument.Parse(await Host.Gateway.GetStringAsync("/.well-known/jwks.json", ct)).RootElement;

        // Assert
        Assert.Equal(HttpStatusCode.OK, beforeRotation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oldCall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newCall.StatusCode);
        var newJwt = new JsonWebToken(newToken);
        Assert.Equal(rotated.Kid, newJwt.Kid);
        Assert.Equal("ES256", newJwt.Alg);
        var kids = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(new JsonWebToken(oldToken).Kid, kids);
        Assert.Contains(rotated.Kid, kids);
        Assert.All(jwks.GetProperty("keys").EnumerateArray(), k => Assert.False(k.TryGetProperty("d", out _)));
    }

    [Fact]
    public async Task Call_AlgNoneToken_401()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("none", ct);
        var real = new JsonWebToken(await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct));
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"at+jwt","kid":"{{real.Kid}}"}""");
        var forged = header + "." + real.EncodedPayload + ".";

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, forged), ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "invalid_token", ct);
        Assert.Contains("algorithm", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_Hs256SignedWithPublicKey_401()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("hs", ct);
        var real = new JsonWebToken(await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct));
        var jwks = JsonDocument.Parse(await Host.Gateway.GetStringAsync("/.well-known/jwks.json", ct)).RootElement;
        var publicJwk = jwks.GetProperty("keys").EnumerateArray().First(k => k.GetProperty("kid").GetString() == real.Kid).GetRawText();
        var header = Base64UrlEncoder.Encode($$"""{"alg":"HS256","typ":"at+jwt","kid":"{{real.Kid}}"}""");
        var signingInput = header + "." + real.EncodedPayload;
        var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(publicJwk), Encoding.ASCII.GetBytes(signingInput)));

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, signingInput + "." + signature), ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "invalid_token", ct);
        Assert.Contains("algorithm", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_TamperedPayloadAfterValidCalls_401BadSignature()
    {
        // Arrange: the genuine token has passed (and is remembered as validated) before the forged one arrives.
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("tamper", ct);
        var text = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        var real = new JsonWebToken(text);
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(real.EncodedPayload)).Replace(client.ClientId, "someone-else", StringComparison.Ordinal);
        var forged = real.EncodedHeader + "." + Base64UrlEncoder.Encode(payload) + "." + real.EncodedSignature;
        using var genuine = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, text), ct);

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, forged), ct);
        using var genuineAgain = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, text), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuineAgain.StatusCode);
        var problem = await ProblemBody.AssertAsync(response, 401, "invalid_token", ct);
        Assert.Contains("signature", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.%%%.x")]
    [InlineData("....")]
    [InlineData("e3t7.e30.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiIsImtpZCI6WzFdfQ.eyJleHAiOiJzb29uIn0.c2ln")]
    public async Task Call_MalformedToken_401Never500(string token)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await fixture.SetupAsync("malformed", ct);

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_token", ct);
    }

    [Fact]
    public async Task Call_OversizedToken_401WithoutParsing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await fixture.SetupAsync("big", ct);

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, new string('a', OAuthTokenHandler.MaxTokenLength + 1)), ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "invalid_token", ct);
        Assert.Contains("too long", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_TokenWithoutApiInScope_403()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("scope", ct);
        var (otherPath, _) = await fixture.SetupAsync("scope-other", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(otherPath, token), ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<OAuthToken?> ReadTokenAsync(string jti, CancellationToken ct) =>
        (await ReadAllTokensAsync(ct)).FirstOrDefault(t => t.Jti == jti);

    private async Task<List<OAuthToken>> ReadAllTokensAsync(CancellationToken ct)
    {
        var factory = Host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.GatewayDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        return [.. db.OAuthTokens];
    }
}
