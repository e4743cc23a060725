using System.Net;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>A host without an API-user store still starts; the password grant is then unsupported.</summary>
public sealed class NoUserStoreTests
{
    [Fact]
    public async Task Token_PasswordGrantWithoutVerifier_UnsupportedGrantType()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        // AddGateway registers the API-user store; take it out again to get a host without one.
        await using var host = await GatewayHost.StartAsync(ct, services => services.RemoveAll<IResourceOwnerVerifier>());
        var client = await ClientSeeder.CreateClientAsync(host, "no-store", "Secret-1", [], ct, c => c.AllowedGrants = OAuthGrants.All);
        await host.WaitForConfigAsync(ct);

        // Act
        var (status, body) = await OAuthTestClient.PasswordAsync(host.Gateway, client.ClientId, "Secret-1", "someone", "pw", ct);
        var (ccStatus, _) = await OAuthTestClient.ClientCredentialsAsync(host.Gateway, client.ClientId, "Secret-1", ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, ccStatus);
    }
}
