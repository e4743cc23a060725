using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary>ClientSecurityService: the level rule, memberships, lockout settings and passwords.</summary>
public sealed class ClientSecurityServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ClientTestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ClientTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SetSecurityLevelAsync_HeldGroupAboveNewLevel_RefusedListingGroups()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelA, ct);
        var direct = await _services.AddGroupAsync("direct-b", ClientTestServices.LevelB, ct);
        var viaScope = await _services.AddGroupAsync("scoped-a", ClientTestServices.LevelA, ct);
        var fine = await _services.AddGroupAsync("fine-d", ClientTestServices.LevelD, ct);
        var scope = await _services.AddScopeAsync("scope1", [viaScope, fine], ct);
        await _services.Security.AddGroupsAsync(client.Id, [direct, fine], GatewayHost.TestActor, ct);
        await _services.Security.AddScopesAsync(client.Id, [scope], GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Security.SetSecurityLevelAsync(client.Id, ClientTestServices.LevelC, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("direct-b (level B)", error.Message, StringComparison.Ordinal);
        Assert.Contains("scoped-a (level A, via scope scope1)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fine-d", error.Message, StringComparison.Ordinal);
        Assert.Equal("A", (await _services.Clients.FindAsync(client.Id, ct))!.SecurityLevel!.Code);
    }

    [Fact]
    public async Task SetSecurityLevelAsync_NoConflict_ChangesLevelAndSignals()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);
        var signals = _services.Signal.Count;

        // Act
        await _services.Security.SetSecurityLevelAsync(client.Id, ClientTestServices.LevelB, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("B", (await _services.Clients.FindAsync(client.Id, ct))!.SecurityLevel!.Code);
        Assert.Equal(signals + 1, _services.Signal.Count);
    }

    [Fact]
    public async Task SetSecurityLevelAsync_UnknownLevel_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Security.SetSecurityLevelAsync(client.Id, 99, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["securityLevelId"], error.Errors.Keys);
    }

    [Fact]
    public async Task ListAssignableGroupsAsync_CClient_HidesAAndBAndHeldGroups()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelC, ct);
        await _services.AddGroupAsync("grp-a", ClientTestServices.LevelA, ct);
        await _services.AddGroupAsync("grp-b", ClientTestServices.LevelB, ct);
        await _services.AddGroupAsync("grp-c", ClientTestServices.LevelC, ct);
        await _services.AddGroupAsync("grp-d", ClientTestServices.LevelD, ct);
        var held = await _services.AddGroupAsync("grp-d-held", ClientTestServices.LevelD, ct);
        await _services.AddGroupAsync("other", ClientTestServices.LevelD, ct);
        await _services.Security.AddGroupsAsync(client.Id, [held], GatewayHost.TestActor, ct);

        // Act
        var groups = await _services.Security.ListAssignableGroupsAsync(client.Id, "grp", ct);

        // Assert
        Assert.Equal(["grp-c", "grp-d"], groups.Select(g => g.Name));
    }

    [Fact]
    public async Task AddGroupsAsync_GroupAboveClientLevel_RejectedAndNothingAdded()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelC, ct);
        var hidden = await _services.AddGroupAsync("secret-a", ClientTestServices.LevelA, ct);
        var allowed = await _services.AddGroupAsync("open-d", ClientTestServices.LevelD, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Security.AddGroupsAsync(client.Id, [allowed, hidden], GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("secret-a", error.Errors["groupIds"][0], StringComparison.Ordinal);
        Assert.Empty((await _services.Clients.FindAsync(client.Id, ct))!.Groups);
    }

    [Fact]
    public async Task AddGroupsAsync_UnknownOrEmpty_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelC, ct);

        // Act
        var unknown = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Security.AddGroupsAsync(client.Id, [555], GatewayHost.TestActor, ct));
        var empty = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Security.AddGroupsAsync(client.Id, [], GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["groupIds"], unknown.Errors.Keys);
        Assert.Equal(["groupIds"], empty.Errors.Keys);
    }

    [Fact]
    public async Task AddAndRemoveGroup_Roundtrip()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelC, ct);
        var group = await _services.AddGroupAsync("g-c", ClientTestServices.LevelC, ct);

        // Act
        await _services.Security.AddGroupsAsync(client.Id, [group, group], GatewayHost.TestActor, ct);
        var afterAdd = await _services.Clients.FindAsync(client.Id, ct);
        await _services.Security.RemoveGroupAsync(client.Id, group, GatewayHost.TestActor, ct);
        var afterRemove = await _services.Clients.FindAsync(client.Id, ct);

        // Assert
        Assert.Equal(["g-c"], afterAdd!.Groups.Select(g => g.ApiGroup!.Name));
        Assert.Empty(afterRemove!.Groups);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Security.RemoveGroupAsync(client.Id, group, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task AddScopesAsync_ScopeWithHiddenGroup_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelC, ct);
        var hidden = await _services.AddGroupAsync("secret-b", ClientTestServices.LevelB, ct);
        var open = await _services.AddGroupAsync("open-d", ClientTestServices.LevelD, ct);
        var badScope = await _services.AddScopeAsync("mixed", [hidden, open], ct);
        var goodScope = await _services.AddScopeAsync("plain", [open], ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Security.AddScopesAsync(client.Id, [badScope], GatewayHost.TestActor, ct));
        var assignable = await _services.Security.ListAssignableScopesAsync(client.Id, null, ct);
        await _services.Security.AddScopesAsync(client.Id, [goodScope], GatewayHost.TestActor, ct);

        // Assert
        Assert.Contains("secret-b (level B)", error.Errors["scopeIds"][0], StringComparison.Ordinal);
        Assert.Equal(["plain"], assignable.Select(s => s.Name));
        Assert.Equal(["plain"], (await _services.Clients.FindAsync(client.Id, ct))!.Scopes.Select(s => s.ApiScope!.Name));
        await _services.Security.RemoveScopeAsync(client.Id, goodScope, GatewayHost.TestActor, ct);
        Assert.Empty((await _services.Clients.FindAsync(client.Id, ct))!.Scopes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(-1)]
    public async Task SetFailedAttemptThresholdAsync_OutOfRange_Rejected(int threshold)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Security.SetFailedAttemptThresholdAsync(client.Id, threshold, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["failedAttemptThreshold"], error.Errors.Keys);
    }

    [Fact]
    public async Task SetFailedAttemptThresholdAsync_InRange_Stored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);
        Assert.Equal(3, client.FailedAttemptThreshold);

        // Act
        await _services.Security.SetFailedAttemptThresholdAsync(client.Id, 99, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(99, (await _services.Clients.FindAsync(client.Id, ct))!.FailedAttemptThreshold);
    }

    [Fact]
    public async Task UnlockAsync_LockedClient_EnabledWithZeroFailures()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);
        await SetLockStateAsync(client.Id, ClientStatus.Locked, 3, ct);
        var signals = _services.Signal.Count;

        // Act
        await _services.Security.UnlockAsync(client.Id, GatewayHost.TestActor, ct);

        // Assert
        var found = await _services.Clients.FindAsync(client.Id, ct);
        Assert.Equal(ClientStatus.Enabled, found!.Status);
        Assert.Equal(0, found.FailedAttempts);
        Assert.Equal(signals + 1, _services.Signal.Count);
    }

    [Fact]
    public async Task ResetFailedAttemptsAsync_DisabledClient_KeepsStatus()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);
        await SetLockStateAsync(client.Id, ClientStatus.Disabled, 2, ct);

        // Act
        await _services.Security.ResetFailedAttemptsAsync(client.Id, GatewayHost.TestActor, ct);

        // Assert
        var found = await _services.Clients.FindAsync(client.Id, ct);
        Assert.Equal(ClientStatus.Disabled, found!.Status);
        Assert.Equal(0, found.FailedAttempts);
    }

    [Fact]
    public async Task SetPasswordAsync_Valid_NewPasswordVerifies_NeverInAudit()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);

        // Act
        await _services.Security.SetPasswordAsync(client.Id, "Brand-new-pw#1", "Brand-new-pw#1", GatewayHost.TestActor, ct);

        // Assert
        var found = await _services.Clients.FindAsync(client.Id, ct);
        Assert.True(_services.Hasher.Verify(found!.PasswordHash, "Brand-new-pw#1"));
        Assert.False(_services.Hasher.Verify(found.PasswordHash, "S3cret pass!"));
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync(ct);
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(ct), a => a == "PasswordChanged");
        Assert.DoesNotContain(audit, a => a.Contains("Brand-new-pw", StringComparison.Ordinal) || a.Contains(found.PasswordHash, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "", "password")]
    [InlineData("abc", "abd", "confirmPassword")]
    [InlineData("abc", "", "confirmPassword")]
    public async Task SetPasswordAsync_BadInput_Rejected(string password, string confirm, string field)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Security.SetPasswordAsync(client.Id, password, confirm, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public async Task ResetPasswordAsync_WithEmails_QueuesMailWithWorkingOneTimePassword()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _services.Clients.CreateAsync(ClientTestServices.Input("c1") with { Emails = "a@example.com, b@example.com" }, GatewayHost.TestActor, ct);

        // Act
        var mailId = await _services.Security.ResetPasswordAsync(client.Id, GatewayHost.TestActor, ct);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var mail = await db.OutboxMails.SingleAsync(m => m.Id == mailId, ct);
        Assert.Contains("a@example.com", mail.To, StringComparison.Ordinal);
        Assert.Contains("b@example.com", mail.To, StringComparison.Ordinal);
        var line = mail.Body.Split('\n').Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal));
        var oneTime = line["One-time password: ".Length..];
        Assert.True(oneTime.Length >= 16);
        var found = await _services.Clients.FindAsync(client.Id, ct);
        Assert.True(_services.Hasher.Verify(found!.PasswordHash, oneTime));
        Assert.False(_services.Hasher.Verify(found.PasswordHash, "S3cret pass!"));
        var audit = await db.AuditEntries.Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync(ct);
        Assert.DoesNotContain(audit, a => a.Contains(oneTime, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetPasswordAsync_NoEmail_RefusedAndPasswordKept()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync("c1", ClientTestServices.LevelD, ct);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Security.ResetPasswordAsync(client.Id, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("no email", error.Message, StringComparison.Ordinal);
        var found = await _services.Clients.FindAsync(client.Id, ct);
        Assert.True(_services.Hasher.Verify(found!.PasswordHash, "S3cret pass!"));
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.False(await db.OutboxMails.AnyAsync(ct));
    }

    [Fact]
    public async Task Writes_MissingClient_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Security.UnlockAsync(404, GatewayHost.TestActor, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Security.ListAssignableGroupsAsync(404, null, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Security.SetSecurityLevelAsync(404, 1, GatewayHost.TestActor, ct));
    }

    private Task<ApiClient> CreateAsync(string clientId, int levelId, CancellationToken ct) =>
        _services.Clients.CreateAsync(ClientTestServices.Input(clientId) with { SecurityLevelId = levelId }, GatewayHost.TestActor, ct);

    private async Task SetLockStateAsync(int id, ClientStatus status, int failures, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        await db.ApiClients.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.FailedAttempts, failures), ct);
    }
}
