using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Portal;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary>PartnerSignInService: the portal's sign-in with the gateway's lockout rules, profile, password change and reset.</summary>
public sealed class PartnerSignInServiceTests : IAsyncLifetime
{
    private const string Password = "S3cret pass!";

    private TempDatabase _database = null!;
    private ClientTestServices _services = null!;
    private PartnerSignInService _portal = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ClientTestServices(_database);
        var writer = new ConfigChangeWriter(_services.Signal, new AuditRecorder(_database.Factory, _services.Time));
        _portal = new PartnerSignInService(_database.Factory, writer, _services.Hasher, _services.Security, _services.Time);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SignInAsync_RightPassword_SucceedsWithClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);

        // Act
        var result = await _portal.SignInAsync("PARTNER1", Password, ct);

        // Assert
        Assert.Equal(PartnerSignInStatus.Succeeded, result.Status);
        Assert.Equal(client.Id, result.ClientDbId);
        Assert.Equal("partner1", result.ClientId);
    }

    [Fact]
    public async Task SignInAsync_UnknownClientAndWrongPassword_SameInvalidCredentials()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await CreateAsync("partner1", ct);

        // Act
        var unknown = await _portal.SignInAsync("nobody", Password, ct);
        var wrong = await _portal.SignInAsync("partner1", "wrong", ct);

        // Assert
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, unknown.Status);
        Assert.Equal(unknown, wrong);
    }

    [Theory]
    [InlineData(null, Password)]
    [InlineData("  ", Password)]
    [InlineData("partner1", null)]
    [InlineData("partner1", "")]
    public async Task SignInAsync_MissingInput_InvalidCredentialsWithoutCounting(string? clientId, string? password)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);

        // Act
        var result = await _portal.SignInAsync(clientId, password, ct);

        // Assert
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, result.Status);
        Assert.Equal(0, (await ReadAsync(client.Id, ct)).FailedAttempts);
    }

    [Fact]
    public async Task SignInAsync_TooLongPassword_InvalidCredentials()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await CreateAsync("partner1", ct);

        // Act
        var result = await _portal.SignInAsync("partner1", new string('x', ClientPasswordHasher.MaxLength + 1), ct);

        // Assert
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, result.Status);
    }

    [Fact]
    public async Task SignInAsync_WrongPasswordsUpToThreshold_LocksThroughConfigWriter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);
        var signals = _services.Signal.Count;

        // Act
        var first = await _portal.SignInAsync("partner1", "wrong", ct);
        var second = await _portal.SignInAsync("partner1", "wrong", ct);
        var afterTwo = await ReadAsync(client.Id, ct);
        var third = await _portal.SignInAsync("partner1", "wrong", ct);
        var thenRight = await _portal.SignInAsync("partner1", Password, ct);

        // Assert
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, first.Status);
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, second.Status);
        Assert.Equal(2, afterTwo.FailedAttempts);
        Assert.Equal(ClientStatus.Enabled, afterTwo.Status);
        Assert.Equal(PartnerSignInStatus.Locked, third.Status);
        Assert.Equal(PartnerSignInStatus.Locked, thenRight.Status);
        var locked = await ReadAsync(client.Id, ct);
        Assert.Equal(ClientStatus.Locked, locked.Status);
        Assert.Equal(3, locked.FailedAttempts);
        Assert.Equal(signals + 1, _services.Signal.Count);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "lock").SingleAsync(ct);
        Assert.Equal("partner1", audit.Actor);
        Assert.Equal(PartnerSignInService.Source, audit.Source);
    }

    [Fact]
    public async Task SignInAsync_RightPasswordAfterFailures_ResetsCount()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);
        await _portal.SignInAsync("partner1", "wrong", ct);
        await _portal.SignInAsync("partner1", "wrong", ct);

        // Act
        var result = await _portal.SignInAsync("partner1", Password, ct);

        // Assert
        Assert.True(result.Succeeded);
        Assert.Equal(0, (await ReadAsync(client.Id, ct)).FailedAttempts);
    }

    [Fact]
    public async Task SignInAsync_RightPasswordWithoutFailures_WritesNothing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await CreateAsync("partner1", ct);
        var signals = _services.Signal.Count;

        // Act
        await _portal.SignInAsync("partner1", Password, ct);

        // Assert
        Assert.Equal(signals, _services.Signal.Count);
    }

    [Theory]
    [InlineData(ClientStatus.Disabled, PartnerSignInStatus.Disabled)]
    [InlineData(ClientStatus.Locked, PartnerSignInStatus.Locked)]
    public async Task SignInAsync_NotEnabled_RefusedEvenWithRightPassword(ClientStatus status, PartnerSignInStatus expected)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);
        await SetStatusAsync(client.Id, status, ct);

        // Act
        var right = await _portal.SignInAsync("partner1", Password, ct);
        var wrong = await _portal.SignInAsync("partner1", "wrong", ct);

        // Assert
        Assert.Equal(expected, right.Status);
        Assert.Equal(expected, wrong.Status);
        Assert.Equal(0, (await ReadAsync(client.Id, ct)).FailedAttempts);
    }

    [Fact]
    public async Task IsActiveAsync_EnabledThenDisabled_TrueThenFalse()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);
        var before = await _portal.IsActiveAsync(client.Id, ct);

        // Act
        await SetStatusAsync(client.Id, ClientStatus.Disabled, ct);

        // Assert
        Assert.True(before);
        Assert.False(await _portal.IsActiveAsync(client.Id, ct));
        Assert.False(await _portal.IsActiveAsync(9999, ct));
    }

    [Fact]
    public async Task ChangePasswordAsync_RightCurrent_NewPasswordWorksOldDoesNot()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);

        // Act
        await _portal.ChangePasswordAsync(client.Id, Password, "n3w password", "n3w password", ct);

        // Assert
        Assert.True((await _portal.SignInAsync("partner1", "n3w password", ct)).Succeeded);
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, (await _portal.SignInAsync("partner1", Password, ct)).Status);
    }

    [Fact]
    public async Task ChangePasswordAsync_WrongCurrent_RejectedAndUnchanged()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _portal.ChangePasswordAsync(client.Id, "wrong", "n3w password", "n3w password", ct));

        // Assert
        Assert.Equal(["currentPassword"], error.Errors.Keys);
        Assert.True((await _portal.SignInAsync("partner1", Password, ct)).Succeeded);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("abc", "abd")]
    public async Task ChangePasswordAsync_BadNewPassword_Rejected(string newPassword, string confirm)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _portal.ChangePasswordAsync(client.Id, Password, newPassword, confirm, ct));

        // Assert
        Assert.NotEmpty(error.Errors);
        Assert.DoesNotContain("currentPassword", error.Errors.Keys);
        Assert.True((await _portal.SignInAsync("partner1", Password, ct)).Succeeded);
    }

    [Fact]
    public async Task ChangePasswordAsync_TooLongNewPassword_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);
        var tooLong = new string('p', ClientPasswordHasher.MaxLength + 1);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _portal.ChangePasswordAsync(client.Id, Password, tooLong, tooLong, ct));

        // Assert
        Assert.Contains("password", error.Errors.Keys);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("partner1")]
    [InlineData("")]
    [InlineData(null)]
    public async Task RequestPasswordResetAsync_UnknownOrNoEmail_ChangesNothingAndDoesNotThrow(string? clientId)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await CreateAsync("partner1", ct);

        // Act
        await _portal.RequestPasswordResetAsync(clientId, ct);

        // Assert
        Assert.True((await _portal.SignInAsync("partner1", Password, ct)).Succeeded);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
    }

    [Fact]
    public async Task GetProfileAsync_DirectAndScopedGroups_ListsGroupsWithApis()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("partner1", ct);
        var direct = await _services.AddGroupAsync("direct", ClientTestServices.LevelD, ct);
        var scoped = await _services.AddGroupAsync("scoped", ClientTestServices.LevelD, ct);
        await _services.AddGroupAsync("other", ClientTestServices.LevelD, ct);
        var scope = await _services.AddScopeAsync("scope1", [scoped], ct);
        await _services.Security.AddGroupsAsync(client.Id, [direct], GatewayHost.TestActor, ct);
        await _services.Security.AddScopesAsync(client.Id, [scope], GatewayHost.TestActor, ct);
        var apiId = await AddApiToGroupAsync(direct, ct);

        // Act
        var profile = await _portal.GetProfileAsync(client.Id, ct);

        // Assert
        Assert.NotNull(profile);
        Assert.Equal("partner1", profile.ClientId);
        Assert.Equal(["direct", "scoped"], profile.Groups.Select(g => g.Name));
        Assert.True(profile.Groups[0].Direct);
        Assert.False(profile.Groups[1].Direct);
        Assert.Equal(["scope1"], profile.Groups[1].ViaScopes);
        var api = Assert.Single(profile.Groups[0].Apis);
        Assert.Equal(apiId, api.Id);
        Assert.Equal("/orders", api.Path);
        Assert.Equal(["GET"], api.Methods);
        Assert.Empty(profile.Groups[1].Apis);
    }

    [Fact]
    public async Task GetProfileAsync_UnknownClient_Null()
    {
        // Act
        var profile = await _portal.GetProfileAsync(4242, TestContext.Current.CancellationToken);

        // Assert
        Assert.Null(profile);
    }

    private Task<ApiClient> CreateAsync(string clientId, CancellationToken ct) =>
        _services.Clients.CreateAsync(ClientTestServices.Input(clientId), GatewayHost.TestActor, ct);

    private async Task<ApiClient> ReadAsync(int id, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        return await db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == id, ct);
    }

    private async Task SetStatusAsync(int id, ClientStatus status, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        await db.ApiClients.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status), ct);
    }

    private async Task<int> AddApiToGroupAsync(int groupId, CancellationToken ct)
    {
        var catalog = new CatalogServices(_database);
        var backend = await catalog.Backends.CreateAsync(new BackendInput { Name = "orders-backend", Host = "127.0.0.1", Port = 9 }, GatewayHost.TestActor, ct);
        var api = await catalog.Apis.CreateAsync(
            new ApiInput { Name = "orders", DisplayName = "Orders", Path = "/orders", Methods = ["GET"], BackendId = backend.Id },
            GatewayHost.TestActor,
            ct);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        db.ApiGroupApis.Add(new ApiGroupApi { ApiGroupId = groupId, ApiDefinitionId = api.Id });
        await db.SaveChangesAsync(ct);
        return api.Id;
    }
}
