using System.Net;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Credentials.XApiKeys;

/// <summary>X-Api-Key calls through a real gateway host to a real backend: success, each refusal, and the order of the checks.</summary>
public sealed class XApiKeyGatewayTests(XApiKeyGatewayFixture fixture) : IClassFixture<XApiKeyGatewayFixture>
{
    private const string Password = "Gw-Secret-1";

    private GatewayHost Host => fixture.Host;

    private XApiKeyService Keys => Host.Services.GetRequiredService<XApiKeyService>();

    [Fact]
    public async Task Call_ValidKey_ForwardsConsumerHeadersAndStripsKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("ok", ct);
        var created = await CreateKeyAsync(setup, ct);
        using var request = Request(setup.Path, created.Key);
        request.Headers.Add("X-Credential-Identifier", "spoofed");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(setup.Client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Equal(setup.Client.ClientName, echo.Header("X-Consumer-Username"));
        Assert.Equal(created.XApiKey.Mask.Replace("…", "...", StringComparison.Ordinal), echo.Header("X-Credential-Identifier"));
        Assert.Null(echo.Header("X-Api-Key"));
    }

    [Fact]
    public async Task Call_ApiForwardsCredentials_KeyReachesBackend()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("forward", ct);
        await UpdateApiAsync(setup.ApiId, a => a.ForwardCredentials = true, ct);
        var created = await CreateKeyAsync(setup, ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.Key, (await EchoResponse.ReadAsync(response, ct)).Header("X-Api-Key"));
    }

    [Fact]
    public async Task Call_UnknownKey_401InvalidApiKeyWithChallenge()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("unknown", ct);
        await CreateKeyAsync(setup, ct);
        var before = fixture.Backend.RequestCount;

        // Act
        using var response = await Host.Gateway.SendAsync(Request(setup.Path, CredentialSecrets.NewKey()), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_api_key", ct);
        Assert.Equal("ApiKey header=\"X-Api-Key\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Equal(before, fixture.Backend.RequestCount);
    }

    [Fact]
    public async Task Call_NoCredential_ChallengesIncludeApiKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("nocred", ct);

        // Act
        using var response = await Host.Gateway.GetAsync(setup.Path, ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "credential_missing", ct);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.ToString() == "ApiKey header=\"X-Api-Key\"");
    }

    [Theory]
    [InlineData(257)]
    [InlineData(20000)]
    public async Task Call_OversizedHeader_401NotServerError(int length)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("oversized", ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(setup.Path, new string('k', length)), ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "invalid_api_key", ct);
        Assert.Contains("at most 256 characters", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_TwoKeyHeaders_401()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("twice", ct);
        var created = await CreateKeyAsync(setup, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, setup.Path);
        request.Headers.TryAddWithoutValidation("X-Api-Key", [created.Key, created.Key]);

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_api_key", ct);
    }

    [Fact]
    public async Task Call_EmptyKey_401()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("empty", ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, setup.Path);
        request.Headers.TryAddWithoutValidation("X-Api-Key", "");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_api_key", ct);
    }

    [Fact]
    public async Task Call_KeyRevoked_RefusedOnTheNextRequestAfterTheSnapshotSwap()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("revoked", ct);
        var created = await CreateKeyAsync(setup, ct);
        using var before = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Act
        await Keys.RevokeAsync(setup.Client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        using var after = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await ProblemBody.AssertAsync(after, 401, "api_key_revoked", ct);
        Assert.Equal("ApiKey header=\"X-Api-Key\"", Assert.Single(after.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Call_KeyDeleted_UnknownAfterTheSnapshotSwap()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("deleted", ct);
        var created = await CreateKeyAsync(setup, ct);

        // Act
        await Keys.DeleteAsync(setup.Client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        using var response = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_api_key", ct);
    }

    [Fact]
    public async Task Call_EffectiveAndExpiryDates_FollowTheClockAtRequestTime()
    {
        // Arrange: effective from tomorrow (UTC) to the end of the day after.
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("dates", ct);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var created = await CreateKeyAsync(setup, ct, i => i with { EffectiveDate = today.AddDays(1), ExpiryDate = today.AddDays(2) });
        var tomorrow = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // Act
        using var early = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);
        fixture.Clock.SetUtcNow(tomorrow.AddHours(1));
        using var during = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);
        fixture.Clock.SetUtcNow(tomorrow.AddDays(2));
        using var late = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Assert
        await ProblemBody.AssertAsync(early, 401, "api_key_not_yet_effective", ct);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        await ProblemBody.AssertAsync(late, 401, "api_key_expired", ct);
    }

    [Fact]
    public async Task Call_KeyMarkedExpired_RefusedWhateverTheDate()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("marked", ct);
        var created = await CreateKeyAsync(setup, ct);
        await UpdateKeyAsync(created.XApiKey.Id, k => k.Status = XApiKeyStatus.Expired, ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "api_key_expired", ct);
    }

    [Fact]
    public async Task Call_ApiOutsideTheKeysGroups_403CredentialScopeDenied()
    {
        // Arrange: the client holds both groups, the key only the first.
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("scope", ct);
        var otherName = fixture.UniqueName("scope-other");
        var otherApi = await Host.CreateApiAsync(otherName, "/" + otherName, fixture.BackendId, ct, i => i with { IsPublic = false });
        var otherGroup = await ClientSeeder.CreateGroupAsync(Host, otherName, [otherApi.Id], ct);
        await AddClientGroupAsync(setup.Client.Id, otherGroup.Id, ct);
        var created = await CreateKeyAsync(setup, ct);

        // Act
        using var inside = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);
        using var outside = await Host.Gateway.SendAsync(Request("/" + otherName, created.Key), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        await ProblemBody.AssertAsync(outside, 403, "credential_scope_denied", ct);
    }

    [Fact]
    public async Task Call_ApiTheClientDoesNotHold_403ApiNotAuthorized()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("foreign", ct);
        var other = await SetupAsync("foreign-api", ct);
        var created = await CreateKeyAsync(setup, ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(other.Path, created.Key), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 403, "api_not_authorized", ct);
    }

    [Fact]
    public async Task Call_DisabledClient_403EvenBeforeTheKeysOwnState()
    {
        // Arrange: a disabled client's revoked key answers client_disabled (client checks come first, as in digiRunner).
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("disabled", ct);
        var created = await CreateKeyAsync(setup, ct);
        var revoked = await CreateKeyAsync(setup, ct, i => i with { Alias = "second" });
        await Keys.RevokeAsync(setup.Client.Id, revoked.XApiKey.Id, GatewayHost.TestActor, ct);
        await ClientSeeder.UpdateClientAsync(Host, setup.Client.Id, c => c.Status = ClientStatus.Disabled, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var valid = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);
        using var withRevoked = await Host.Gateway.SendAsync(Request(setup.Path, revoked.Key), ct);

        // Assert
        await ProblemBody.AssertAsync(valid, 403, "client_disabled", ct);
        await ProblemBody.AssertAsync(withRevoked, 403, "client_disabled", ct);
    }

    [Fact]
    public async Task Call_ClientExpired_403BeforeTheKeysOwnState()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("client-expired", ct);
        var created = await CreateKeyAsync(setup, ct);
        await Keys.RevokeAsync(setup.Client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);
        await ClientSeeder.UpdateClientAsync(Host, setup.Client.Id, c => c.ExpiryDate = new DateOnly(2020, 1, 1), ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 403, "client_expired", ct);
    }

    [Fact]
    public async Task Call_ApiNotAcceptingXApiKey_KeyIgnored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("basic-only", ct);
        await UpdateApiAsync(setup.ApiId, a => a.AcceptedCredentials = CredentialTypes.ClientBasic, ct);
        var created = await CreateKeyAsync(setup, ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(setup.Path, created.Key), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_credential", ct);
    }

    [Fact]
    public async Task Call_BasicAndKeyTogether_BasicWinsByPrecedence()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var setup = await SetupAsync("both", ct);
        var created = await CreateKeyAsync(setup, ct);
        using var request = ClientEnforcementTests.Request(setup.Path, setup.Client.ClientId, Password);
        request.Headers.Add("X-Api-Key", created.Key);

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(setup.Client.ClientId, (await EchoResponse.ReadAsync(response, ct)).Header("X-Credential-Identifier"));
    }

    private async Task<Setup> SetupAsync(string stem, CancellationToken ct)
    {
        var name = fixture.UniqueName(stem);
        var api = await Host.CreateApiAsync(name, "/" + name, fixture.BackendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(Host, name, [api.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(Host, name + "-client", Password, [group.Id], ct);
        await Host.WaitForConfigAsync(ct);
        return new Setup("/" + name, api.Id, group.Id, client);
    }

    private async Task<XApiKeyCreated> CreateKeyAsync(Setup setup, CancellationToken ct, Func<XApiKeyInput, XApiKeyInput>? customize = null)
    {
        var input = new XApiKeyInput
        {
            Alias = "key",
            ExpiryDate = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddYears(1),
            GroupIds = [setup.GroupId],
        };
        var created = await Keys.CreateAsync(setup.Client.Id, customize?.Invoke(input) ?? input, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        return created;
    }

    private Task UpdateApiAsync(int apiId, Action<ApiDefinition> change, CancellationToken ct) =>
        WriteAsync(async db => change(await db.Apis.SingleAsync(a => a.Id == apiId, ct)), ct);

    private Task UpdateKeyAsync(int keyId, Action<ClientXApiKey> change, CancellationToken ct) =>
        WriteAsync(async db => change(await db.ClientXApiKeys.SingleAsync(k => k.Id == keyId, ct)), ct);

    private Task AddClientGroupAsync(int clientId, int groupId, CancellationToken ct) =>
        WriteAsync(db =>
        {
            db.ClientGroups.Add(new ClientGroup { ApiClientId = clientId, ApiGroupId = groupId });
            return Task.CompletedTask;
        }, ct);

    private async Task WriteAsync(Func<GatewayDbContext, Task> change, CancellationToken ct)
    {
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct))
        {
            await change(db);
            await Host.Services.GetRequiredService<ConfigChangeWriter>().CommitAsync(db, GatewayHost.TestActor, () => new AuditChange("test", "0", "seed", null, null), ct);
        }

        await Host.WaitForConfigAsync(ct);
    }

    private static HttpRequestMessage Request(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        return request;
    }

    private sealed record Setup(string Path, int ApiId, int GroupId, ApiClient Client);
}
