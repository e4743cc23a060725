using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.ApiUsers;

/// <summary>ApiUserService: validation of every field, writes, status changes and audit (never a password).</summary>
public sealed class ApiUserServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ApiUserTestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ApiUserTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    public static TheoryData<string, ApiUserInput> BadInputs() => new()
    {
        { "userName", ApiUserTestServices.Input("user1") with { UserName = "" } },
        { "userName", ApiUserTestServices.Input("user1") with { UserName = "   " } },
        { "userName", ApiUserTestServices.Input("user1") with { UserName = "ab" } },
        { "userName", ApiUserTestServices.Input("user1") with { UserName = new string('a', 101) } },
        { "userName", ApiUserTestServices.Input("user1") with { UserName = "has space" } },
        { "userName", ApiUserTestServices.Input("user1") with { UserName = "semi;colon" } },
        { "userName", ApiUserTestServices.Input("user1") with { UserName = "ünïcode" } },
        { "userName", ApiUserTestServices.Input("user1") with { UserName = "a/b\\c" } },
        { "displayName", ApiUserTestServices.Input("user1") with { DisplayName = "" } },
        { "displayName", ApiUserTestServices.Input("user1") with { DisplayName = new string('d', 201) } },
        { "email", ApiUserTestServices.Input("user1") with { Email = "not-an-email" } },
        { "email", ApiUserTestServices.Input("user1") with { Email = "Name <ok@example.com>" } },
        { "email", ApiUserTestServices.Input("user1") with { Email = new string('e', 250) + "@example.com" } },
        { "password", ApiUserTestServices.Input("user1") with { Password = "", ConfirmPassword = "" } },
        { "password", ApiUserTestServices.Input("user1") with { Password = null, ConfirmPassword = null } },
        { "password", ApiUserTestServices.Input("user1") with { Password = "Short1!", ConfirmPassword = "Short1!" } },
        { "password", ApiUserTestServices.Input("user1") with { Password = new string('p', 129), ConfirmPassword = new string('p', 129) } },
        { "password", ApiUserTestServices.Input("alice.smith") with { Password = "ALICE.SMITH", ConfirmPassword = "ALICE.SMITH" } },
        { "confirmPassword", ApiUserTestServices.Input("user1") with { ConfirmPassword = "other password" } },
        { "confirmPassword", ApiUserTestServices.Input("user1") with { ConfirmPassword = null } },
        { "allowedClients", ApiUserTestServices.Input("user1", "no-such-client") },
        { "allowedClients", ApiUserTestServices.Input("user1", " ") },
        { "allowedClients", ApiUserTestServices.Input("user1") with { AllowedClients = [.. Enumerable.Range(0, 101).Select(i => "c" + i)] } },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task CreateAsync_BadInput_RejectedOnField(string field, ApiUserInput input)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Users.CreateAsync(input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal(0, (await _services.Users.ListAsync(new PageRequest(), null, ct)).Total);
    }

    [Fact]
    public async Task CreateAsync_EmptyInput_ReportsEveryRequiredFieldAtOnce()
    {
        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Users.CreateAsync(new ApiUserInput(), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["displayName", "password", "userName"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_Valid_StoresTrimmedFieldsAndHashedPasswordWithoutAuditingIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = ApiUserTestServices.Input("alice") with { UserName = "  alice  ", Email = "  alice@example.com " };

        // Act
        var user = await _services.Users.CreateAsync(input, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("alice", user.UserName);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal(ApiUserStatus.Enabled, user.Status);
        Assert.False(user.RestrictedToClients);
        Assert.Equal(_services.Time.GetUtcNow().UtcDateTime, user.CreatedAt);
        Assert.NotEqual(ApiUserTestServices.Password, user.PasswordHash);
        Assert.True(_services.Clients.Hasher.Verify(user.PasswordHash, ApiUserTestServices.Password));
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == ApiUserService.EntityName, ct);
        Assert.Equal("Created", audit.Action);
        Assert.Equal(user.Id.ToString(), audit.EntityId);
        Assert.DoesNotContain(ApiUserTestServices.Password, audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain(user.PasswordHash, audit.After, StringComparison.Ordinal);
        Assert.Contains("alice@example.com", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_DuplicateUserNameInOtherCase_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateAsync("alice", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.CreateAsync("ALICE", ct));

        // Assert
        Assert.Contains("already exists", error.Errors["userName"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AllowedClientsAnyCase_StoresRestriction()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateClientAsync("app-one", ct);
        await _services.CreateClientAsync("app-two", ct);

        // Act
        var user = await _services.CreateAsync("bob", ct, "APP-TWO", "app-one", "app-one");

        // Assert
        Assert.True(user.RestrictedToClients);
        Assert.Equal(["app-one", "app-two"], ApiUserInput.AllowedClientIds(user));
    }

    [Fact]
    public async Task UpdateAsync_Valid_ReplacesFieldsAndClients()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateClientAsync("app-one", ct);
        await _services.CreateClientAsync("app-two", ct);
        var user = await _services.CreateAsync("bob", ct, "app-one");
        var hash = user.PasswordHash;

        // Act
        var updated = await _services.Users.UpdateAsync(
            user.Id,
            ApiUserInput.From(user) with { UserName = "bobby", DisplayName = "Bobby", Email = null, AllowedClients = ["app-two"] },
            GatewayHost.TestActor,
            ct);

        // Assert
        Assert.Equal("bobby", updated.UserName);
        Assert.Equal("Bobby", updated.DisplayName);
        Assert.Null(updated.Email);
        Assert.Equal(["app-two"], ApiUserInput.AllowedClientIds(updated));
        Assert.Equal(hash, updated.PasswordHash);
        Assert.NotEqual(user.ConcurrencyStamp, updated.ConcurrencyStamp);
    }

    [Fact]
    public async Task UpdateAsync_NoClients_LiftsRestriction()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateClientAsync("app-one", ct);
        var user = await _services.CreateAsync("bob", ct, "app-one");

        // Act
        var updated = await _services.Users.UpdateAsync(user.Id, ApiUserInput.From(user) with { AllowedClients = [] }, GatewayHost.TestActor, ct);

        // Assert
        Assert.False(updated.RestrictedToClients);
        Assert.Empty(updated.Clients);
    }

    [Fact]
    public async Task UpdateAsync_StaleStamp_Conflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("bob", ct);
        await _services.Users.UpdateAsync(user.Id, ApiUserInput.From(user) with { DisplayName = "First" }, GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() =>
            _services.Users.UpdateAsync(user.Id, ApiUserInput.From(user) with { DisplayName = "Second" }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("changed by someone else", error.Message, StringComparison.Ordinal);
        Assert.Equal("First", (await _services.Users.FindAsync(user.Id, ct))!.DisplayName);
    }

    [Fact]
    public async Task UpdateAsync_DuplicateNameAndBadEmail_RejectedTogether()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateAsync("alice", ct);
        var bob = await _services.CreateAsync("bob", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() =>
            _services.Users.UpdateAsync(bob.Id, ApiUserInput.From(bob) with { UserName = "Alice", Email = "bad" }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["email", "userName"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_UnknownUser_NotFound()
    {
        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() =>
            _services.Users.UpdateAsync(999, ApiUserTestServices.Input("ghost"), GatewayHost.TestActor, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetPasswordAsync_Valid_ReplacesHashClearsAttemptsAndAuditsNoSecret()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("bob", ct);
        await _services.Verifier.VerifyAsync("bob", "wrong password", ct);

        // Act
        await _services.Users.SetPasswordAsync(user.Id, "N3w password!", "N3w password!", GatewayHost.TestActor, ct);

        // Assert
        var stored = (await _services.Users.FindAsync(user.Id, ct))!;
        Assert.Equal(0, stored.FailedAttempts);
        Assert.True(_services.Clients.Hasher.Verify(stored.PasswordHash, "N3w password!"));
        Assert.False(_services.Clients.Hasher.Verify(stored.PasswordHash, ApiUserTestServices.Password));
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "PasswordChanged", ct);
        Assert.DoesNotContain("N3w", audit.After ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(stored.PasswordHash, audit.After ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "password")]
    [InlineData("short", "short", "password")]
    [InlineData("BOB", "BOB", "password")]
    [InlineData("Long enough 1", "different", "confirmPassword")]
    [InlineData("Long enough 1", null, "confirmPassword")]
    public async Task SetPasswordAsync_BadPassword_RejectedAndUnchanged(string password, string? confirm, string field)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("bob", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Users.SetPasswordAsync(user.Id, password, confirm, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(user.PasswordHash, (await _services.Users.FindAsync(user.Id, ct))!.PasswordHash);
    }

    [Fact]
    public async Task SetPasswordAsync_UnknownUser_NotFound()
    {
        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() =>
            _services.Users.SetPasswordAsync(999, "Long enough 1", "Long enough 1", GatewayHost.TestActor, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DisableThenEnable_SwitchesStatusAndAudits()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("bob", ct);

        // Act
        var disabled = await _services.Users.DisableAsync(user.Id, GatewayHost.TestActor, ct);
        var enabled = await _services.Users.EnableAsync(user.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(ApiUserStatus.Disabled, disabled.Status);
        Assert.Equal(ApiUserStatus.Enabled, enabled.Status);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(["Created", "Disabled", "Enabled"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(ct));
    }

    [Fact]
    public async Task UnlockAsync_LockedUser_EnabledWithClearedLockout()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("bob", ct);
        for (var i = 0; i < 5; i++)
        {
            await _services.Verifier.VerifyAsync("bob", "wrong password", ct);
        }

        Assert.Equal(ApiUserStatus.Locked, (await _services.Users.FindAsync(user.Id, ct))!.Status);

        // Act
        var unlocked = await _services.Users.UnlockAsync(user.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(ApiUserStatus.Enabled, unlocked.Status);
        Assert.Equal(0, unlocked.FailedAttempts);
        Assert.Null(unlocked.LockedUntil);
        Assert.NotNull(await _services.Verifier.VerifyAsync("bob", ApiUserTestServices.Password, ct));
    }

    [Fact]
    public async Task UnlockAsync_DisabledUser_StaysDisabled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("bob", ct);
        await _services.Users.DisableAsync(user.Id, GatewayHost.TestActor, ct);

        // Act
        var result = await _services.Users.UnlockAsync(user.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(ApiUserStatus.Disabled, result.Status);
    }

    [Fact]
    public async Task StatusActions_UnknownUser_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Users.EnableAsync(404, GatewayHost.TestActor, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Users.DisableAsync(404, GatewayHost.TestActor, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Users.UnlockAsync(404, GatewayHost.TestActor, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Users.DeleteAsync(404, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesUserAndRestrictions()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateClientAsync("app-one", ct);
        var user = await _services.CreateAsync("bob", ct, "app-one");

        // Act
        await _services.Users.DeleteAsync(user.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Null(await _services.Users.FindAsync(user.Id, ct));
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.ApiUserClients.CountAsync(ct));
        Assert.Equal(1, await db.ApiClients.CountAsync(ct));
        Assert.Contains("app-one", (await db.AuditEntries.SingleAsync(a => a.Action == "Deleted", ct)).Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_QueryAndStatus_FilterAndPage()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateAsync("alice", ct);
        await _services.CreateAsync("alfred", ct);
        var carol = await _services.CreateAsync("carol", ct);
        await _services.Users.DisableAsync(carol.Id, GatewayHost.TestActor, ct);

        // Act
        var byName = await _services.Users.ListAsync(new PageRequest(1, 1, "AL"), null, ct);
        var byEmail = await _services.Users.ListAsync(new PageRequest(Query: "carol@example"), null, ct);
        var disabled = await _services.Users.ListAsync(new PageRequest(), ApiUserStatus.Disabled, ct);

        // Assert
        Assert.Equal(2, byName.Total);
        Assert.Equal(["alfred"], byName.Items.Select(u => u.UserName));
        Assert.Equal(["carol"], byEmail.Items.Select(u => u.UserName));
        Assert.Equal(["carol"], disabled.Items.Select(u => u.UserName));
    }

    [Fact]
    public async Task FindByUserNameAsync_OtherCaseOrBlank_FindsOrNull()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);

        // Act + Assert
        Assert.Equal(user.Id, (await _services.Users.FindByUserNameAsync("ALICE", ct))?.Id);
        Assert.Null(await _services.Users.FindByUserNameAsync(" ", ct));
        Assert.Null(await _services.Users.FindByUserNameAsync(new string('x', 5000), ct));
    }
}
