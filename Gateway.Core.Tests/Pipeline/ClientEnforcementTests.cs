using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Pipeline;

/// <summary>Client identification and every 401/403 through a real gateway host to a real backend.</summary>
public sealed class ClientEnforcementTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Password = "Gw-Secret-1";

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Call_ValidClient_ForwardsConsumerHeadersWithoutAuthorization()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("ok", ct);
        using var request = Request(path, client.ClientId.ToUpperInvariant(), Password);
        request.Headers.Add("X-Consumer-ID", "spoofed");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Equal(client.ClientName, echo.Header("X-Consumer-Username"));
        Assert.Null(echo.Header("Authorization"));
    }

    [Theory]
    [InlineData("APP-2026-001", "APP-2026-001")]
    [InlineData(null, null)]
    [InlineData("申請-001", null)]
    public async Task Call_ApplicationNo_SentAsConsumerCustomIdWhenHeaderSafe(string? applicationNo, string? expected)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("custom", ct, c => c.ApplicationNo = applicationNo);
        using var request = Request(path, client.ClientId, Password);
        request.Headers.Add("X-Consumer-Custom-ID", "spoofed");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(expected, echo.Header("X-Consumer-Custom-ID"));
    }

    [Fact]
    public async Task Call_PublicApi_NeedsNoCredentialAndForwardsAuthorizationUntouched()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("public");
        await Host.CreateApiAsync(name, "/" + name, fixture.BackendId, ct);
        await Host.WaitForConfigAsync(ct);
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/" + name);
        using var withAuthorization = new HttpRequestMessage(HttpMethod.Get, "/" + name);
        withAuthorization.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "backend-token");
        withAuthorization.Headers.Add("X-Consumer-ID", "spoofed");

        // Act
        using var first = await Host.Gateway.SendAsync(anonymous, ct);
        using var second = await Host.Gateway.SendAsync(withAuthorization, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var echo = await EchoResponse.ReadAsync(second, ct);
        Assert.Equal("Bearer backend-token", echo.Header("Authorization"));
        Assert.Null(echo.Header("X-Consumer-ID"));
    }

    [Fact]
    public async Task Call_NoCredential_401WithChallenge()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await SetupAsync("nocred", ct);
        var before = fixture.Backend.RequestCount;

        // Act
        using var response = await Host.Gateway.GetAsync(path, ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "credential_missing", ct);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.ToString() == "Basic realm=\"service\"");
        Assert.Equal(before, fixture.Backend.RequestCount);
    }

    [Fact]
    public async Task Call_UnknownClient_401()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await SetupAsync("unknown", ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(path, "nobody-at-all", Password), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_credential", ct);
    }

    [Fact]
    public async Task Call_WrongPassword_401AndCountedInDatabase()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("wrongpw", ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(path, client.ClientId, "not-it"), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "invalid_credential", ct);
        await WaitForAsync(async () => (await ClientSeeder.ReadClientAsync(Host, client.Id, ct)).FailedAttempts == 1, ct);
    }

    [Theory]
    [InlineData("disabled", 403, "client_disabled")]
    [InlineData("locked", 401, "client_locked")]
    [InlineData("expired", 403, "client_expired")]
    [InlineData("notyet", 403, "client_not_yet_valid")]
    [InlineData("servicetime", 403, "outside_service_time")]
    [InlineData("ipbound", 403, "ip_not_bound")]
    public async Task Call_ClientRestriction_Refused(string kind, int status, string code)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var hour = TimeOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var (path, client) = await SetupAsync(kind, ct, customizeClient: c =>
        {
            switch (kind)
            {
                case "disabled":
                    c.Status = ClientStatus.Disabled;
                    break;
                case "locked":
                    c.Status = ClientStatus.Locked;
                    break;
                case "expired":
                    c.ExpiryDate = new DateOnly(2020, 1, 1);
                    break;
                case "notyet":
                    c.StartDate = new DateOnly(2999, 1, 1);
                    break;
                case "servicetime":
                    c.ServiceStartTime = hour.AddHours(2);
                    c.ServiceEndTime = hour.AddHours(3);
                    break;
                default:
                    c.IpBindings = [new ClientIpBinding { HostName = "partner", IpAddress = "203.0.113.0/24" }];
                    break;
            }
        });

        // Act
        using var response = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);

        // Assert
        await ProblemBody.AssertAsync(response, status, code, ct);
    }

    [Fact]
    public async Task Call_IpBindingOfLoopback_Allowed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("iploop", ct, customizeClient: c =>
            c.IpBindings = [new ClientIpBinding { HostName = "other", IpAddress = "203.0.113.7" }, new ClientIpBinding { HostName = "local", IpAddress = "127.0.0.0/8" }]);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Call_ClientWithoutGroupOfApi_ApiNotAuthorized()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _) = await SetupAsync("notauth", ct);
        var other = await ClientSeeder.CreateClientAsync(Host, fixture.UniqueName("loner"), Password, [], ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request(path, other.ClientId, Password), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 403, "api_not_authorized", ct);
    }

    [Fact]
    public async Task Call_ApiGrantedThroughScope_Allowed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var name = fixture.UniqueName("scoped");
        var api = await Host.CreateApiAsync(name, "/" + name, fixture.BackendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(Host, name, [api.Id], ct);
        var scope = await ClientSeeder.CreateScopeAsync(Host, name, [group.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(Host, name + "-client", Password, [], ct, c => c.Scopes = [new ClientScope { ApiScopeId = scope.Id }]);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Request("/" + name, client.ClientId, Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Call_GroupClosedNow_GroupNotOpen()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var hour = TimeOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var (path, client) = await SetupAsync("closed", ct, customizeGroup: g =>
        {
            g.AllowedStartTime = hour.AddHours(2);
            g.AllowedEndTime = hour.AddHours(3);
        });

        // Act
        using var response = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 403, "group_not_open", ct);
    }

    [Fact]
    public async Task Call_LockoutCycle_LocksThenAdminUnlockRestoresAccess()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("lockout", ct, customizeClient: c => c.FailedAttemptThreshold = 3);

        // Act: three wrong passwords, then the right one.
        using var first = await Host.Gateway.SendAsync(Request(path, client.ClientId, "bad-1"), ct);
        using var second = await Host.Gateway.SendAsync(Request(path, client.ClientId, "bad-2"), ct);
        using var third = await Host.Gateway.SendAsync(Request(path, client.ClientId, "bad-3"), ct);
        using var right = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);
        await WaitForAsync(async () => (await ClientSeeder.ReadClientAsync(Host, client.Id, ct)).Status == ClientStatus.Locked, ct);
        await Host.WaitForConfigAsync(ct);
        using var lockedBySnapshot = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);
        await ClientSeeder.UpdateClientAsync(Host, client.Id, c =>
        {
            c.Status = ClientStatus.Enabled;
            c.FailedAttempts = 0;
        }, ct);
        await Host.WaitForConfigAsync(ct);
        using var unlocked = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);

        // Assert
        await ProblemBody.AssertAsync(first, 401, "invalid_credential", ct);
        await ProblemBody.AssertAsync(second, 401, "invalid_credential", ct);
        await ProblemBody.AssertAsync(third, 401, "client_locked", ct);
        await ProblemBody.AssertAsync(right, 401, "client_locked", ct);
        await ProblemBody.AssertAsync(lockedBySnapshot, 401, "client_locked", ct);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(1, await LockAuditCountAsync(client.Id, ct));
    }

    [Fact]
    public async Task Call_CorrectPasswordBetweenFailures_ResetsCount()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("reset", ct, customizeClient: c => c.FailedAttemptThreshold = 3);

        // Act
        foreach (var password in new[] { "bad-1", "bad-2", Password, "bad-3", "bad-4" })
        {
            using var response = await Host.Gateway.SendAsync(Request(path, client.ClientId, password), ct);
        }

        using var last = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        await WaitForAsync(async () => (await ClientSeeder.ReadClientAsync(Host, client.Id, ct)).FailedAttempts == 0, ct);
        Assert.Equal(ClientStatus.Enabled, (await ClientSeeder.ReadClientAsync(Host, client.Id, ct)).Status);
    }

    [Fact]
    public async Task Call_PasswordChanged_OldPasswordRefusedDespiteCache()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("changed", ct);
        using var before = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);
        var hash = Host.Services.GetRequiredService<ClientPasswordHasher>().Hash("Brand-New-2");
        await ClientSeeder.UpdateClientAsync(Host, client.Id, c => c.PasswordHash = hash, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var old = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);
        using var fresh = await Host.Gateway.SendAsync(Request(path, client.ClientId, "Brand-New-2"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await ProblemBody.AssertAsync(old, 401, "invalid_credential", ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Call_PendingPartnerOneTimePassword_GatewayRefusesItAndPasswordKeepsWorking()
    {
        // Arrange: a partner-requested one-time password is pending (stored apart from the password, unexpired).
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await SetupAsync("otp", ct);
        var oneTimeHash = Host.Services.GetRequiredService<ClientPasswordHasher>().Hash("One-Time-9");
        var expiresAt = Host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddMinutes(30);
        await ClientSeeder.UpdateClientAsync(Host, client.Id, c => (c.ResetPasswordHash, c.ResetPasswordExpiresAt) = (oneTimeHash, expiresAt), ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var withOneTime = await Host.Gateway.SendAsync(Request(path, client.ClientId, "One-Time-9"), ct);
        using var withPassword = await Host.Gateway.SendAsync(Request(path, client.ClientId, Password), ct);

        // Assert
        await ProblemBody.AssertAsync(withOneTime, 401, "invalid_credential", ct);
        Assert.Equal(HttpStatusCode.OK, withPassword.StatusCode);
    }

    private async Task<int> LockAuditCountAsync(int clientId, CancellationToken ct)
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        var id = clientId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.EntityType == ClientLockoutWriter.EntityName && a.EntityId == id && a.Action == "lock" && a.Actor == "system", ct);
    }

    private async Task<(string Path, ApiClient Client)> SetupAsync(string stem, CancellationToken ct, Action<ApiClient>? customizeClient = null, Action<ApiGroup>? customizeGroup = null)
    {
        var name = fixture.UniqueName(stem);
        var api = await Host.CreateApiAsync(name, "/" + name, fixture.BackendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(Host, name, [api.Id], ct, customizeGroup);
        var client = await ClientSeeder.CreateClientAsync(Host, name + "-client", Password, [group.Id], ct, customizeClient);
        await Host.WaitForConfigAsync(ct);
        return ("/" + name, client);
    }

    internal static HttpRequestMessage Request(string path, string clientId, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + password)));
        return request;
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
