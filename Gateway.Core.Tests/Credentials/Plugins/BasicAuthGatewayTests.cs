using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>Basic-auth options on the client Basic credential: Proxy-Authorization, realm, hide_credentials, anonymous.</summary>
public sealed class BasicAuthGatewayTests(PluginGatewayFixture fixture) : IClassFixture<PluginGatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Call_ProxyAuthorization_TakesPrecedenceAndIsStripped()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("bproxy", CredentialTypes.ClientBasic, ct);
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", Basic(client.ClientId, PluginGatewayFixture.Password));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "for-the-backend");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Equal(client.ClientId, echo.Header("X-Credential-Identifier"));
        Assert.Null(echo.Header("Proxy-Authorization"));
        Assert.Equal("Bearer for-the-backend", echo.Header("Authorization"));
    }

    [Fact]
    public async Task Call_CustomRealm_ChallengeCarriesIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("brealm", CredentialTypes.ClientBasic, ct, s => s with { BasicAuth = s.BasicAuth with { Realm = "partners" } });
        await Host.WaitForConfigAsync(ct);

        // Act
        using var wrong = await Host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, "wrong-password"), ct);
        using var none = await Host.Gateway.GetAsync(path, ct);

        // Assert
        await ProblemBody.AssertAsync(wrong, 401, "invalid_credential", ct);
        Assert.Equal("Basic realm=\"partners\"", Assert.Single(wrong.Headers.WwwAuthenticate).ToString());
        Assert.Equal("Basic realm=\"partners\"", Assert.Single(none.Headers.WwwAuthenticate).ToString());
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public async Task Call_ForwardAndHide_DecideWhetherAuthorizationReachesBackend(bool forward, bool hide, bool expectForwarded)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("bhide", CredentialTypes.ClientBasic, ct,
            s => s with { ForwardCredentials = forward, BasicAuth = s.BasicAuth with { HideCredentials = hide } });
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, PluginGatewayFixture.Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(expectForwarded, echo.Header("Authorization") is not null);
    }

    [Fact]
    public async Task Call_NoCredentialWithBasicAnonymous_ProceedsAsAnonymousButWrongPasswordStill401()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var accepted = CredentialTypes.ClientBasic | CredentialTypes.KeyAuth;
        var (path, client, api) = await fixture.SetupAsync("banon", accepted, ct);
        await Host.WaitForConfigAsync(ct);
        using var refusedBeforeSetting = await Host.Gateway.GetAsync(path, ct);
        await fixture.ConfigureAsync(api.Id, accepted, ct, s => s with { BasicAuth = s.BasicAuth with { Anonymous = client.ClientId } });
        await Host.WaitForConfigAsync(ct);

        // Act
        using var anonymous = await Host.Gateway.GetAsync(path, ct);
        using var wrong = await Host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, "wrong"), ct);

        // Assert
        await ProblemBody.AssertAsync(refusedBeforeSetting, 401, "credential_missing", ct);
        Assert.Equal(2, refusedBeforeSetting.Headers.WwwAuthenticate.Count);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var echo = await EchoResponse.ReadAsync(anonymous, ct);
        Assert.Equal("true", echo.Header("X-Anonymous-Consumer"));
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        await ProblemBody.AssertAsync(wrong, 401, "invalid_credential", ct);
    }

    [Fact]
    public async Task Call_MalformedBasic_401NeverServerError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("bbad", CredentialTypes.ClientBasic, ct);
        await Host.WaitForConfigAsync(ct);
        using var notBase64 = new HttpRequestMessage(HttpMethod.Get, path);
        notBase64.Headers.TryAddWithoutValidation("Authorization", "Basic %%%not-base64%%%");
        using var huge = new HttpRequestMessage(HttpMethod.Get, path);
        huge.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic " + new string('A', 5000));

        // Act
        using var first = await Host.Gateway.SendAsync(notBase64, ct);
        using var second = await Host.Gateway.SendAsync(huge, ct);

        // Assert
        await ProblemBody.AssertAsync(first, 401, "invalid_credential", ct);
        await ProblemBody.AssertAsync(second, 401, "invalid_credential", ct);
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
}
