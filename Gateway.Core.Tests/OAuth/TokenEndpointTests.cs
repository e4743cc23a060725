using System.Net;
using System.Text.Json;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Tests.Shared;
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
}
