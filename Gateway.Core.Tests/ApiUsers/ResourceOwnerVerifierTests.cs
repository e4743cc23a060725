using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.ApiUsers;

/// <summary>ResourceOwnerVerifier: passwords, unknown and disabled users, lockout and its expiry, client restriction.</summary>
public sealed class ResourceOwnerVerifierTests : IAsyncLifetime
{
    private const string Wrong = "wrong password";

    private TempDatabase _database = null!;
    private ApiUserTestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ApiUserTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_RightPassword_ReturnsOwnerAndRecordsSignIn()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);
        _services.Time.Advance(TimeSpan.FromMinutes(3));

        // Act
        var owner = await _services.Verifier.VerifyAsync("ALICE", ApiUserTestServices.Password, ct);

        // Assert
        Assert.Equal(new ResourceOwner(user.Id, "alice", "User alice"), owner);
        Assert.Null(owner!.AllowedClientIds);
        Assert.Equal(_services.Time.GetUtcNow().UtcDateTime, (await _services.Users.FindAsync(user.Id, ct))!.LastSignInAt);
    }

    [Fact]
    public async Task VerifyAsync_WrongPassword_NullAndCounted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);

        // Act
        var owner = await _services.Verifier.VerifyAsync("alice", Wrong, ct);

        // Assert
        Assert.Null(owner);
        var stored = (await _services.Users.FindAsync(user.Id, ct))!;
        Assert.Equal(1, stored.FailedAttempts);
        Assert.Null(stored.LastSignInAt);
    }

    [Fact]
    public async Task VerifyAsync_SuccessAfterFailures_ClearsCount()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);
        for (var i = 0; i < 4; i++)
        {
            await _services.Verifier.VerifyAsync("alice", Wrong, ct);
        }

        // Act
        var owner = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);
        await _services.Verifier.VerifyAsync("alice", Wrong, ct);

        // Assert
        Assert.NotNull(owner);
        var stored = (await _services.Users.FindAsync(user.Id, ct))!;
        Assert.Equal(ApiUserStatus.Enabled, stored.Status);
        Assert.Equal(1, stored.FailedAttempts);
    }

    [Theory]
    [InlineData("nobody", ApiUserTestServices.Password)]
    [InlineData("", ApiUserTestServices.Password)]
    [InlineData("   ", ApiUserTestServices.Password)]
    [InlineData("alice", "")]
    [InlineData("alice", null)]
    [InlineData(null, ApiUserTestServices.Password)]
    public async Task VerifyAsync_UnknownUserOrMissingPart_NullWithoutSideEffects(string? userName, string? password)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);

        // Act
        var owner = await _services.Verifier.VerifyAsync(userName!, password!, ct);

        // Assert
        Assert.Null(owner);
        Assert.Equal(0, (await _services.Users.FindAsync(user.Id, ct))!.FailedAttempts);
    }

    [Fact]
    public async Task VerifyAsync_OversizedInput_Null()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateAsync("alice", ct);

        // Act
        var longName = await _services.Verifier.VerifyAsync(new string('a', 10_000), ApiUserTestServices.Password, ct);
        var longPassword = await _services.Verifier.VerifyAsync("alice", new string('p', 10_000), ct);

        // Assert
        Assert.Null(longName);
        Assert.Null(longPassword);
    }

    [Fact]
    public async Task VerifyAsync_DisabledUser_NullEvenWithRightPasswordAndNotCounted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);
        await _services.Users.DisableAsync(user.Id, GatewayHost.TestActor, ct);

        // Act
        var owner = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);
        await _services.Verifier.VerifyAsync("alice", Wrong, ct);

        // Assert
        Assert.Null(owner);
        var stored = (await _services.Users.FindAsync(user.Id, ct))!;
        Assert.Equal(0, stored.FailedAttempts);
        Assert.Null(stored.LastSignInAt);
    }

    [Fact]
    public async Task VerifyAsync_FifthWrongPassword_LocksForFifteenMinutesThenLockoutExpires()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);
        for (var i = 0; i < 4; i++)
        {
            await _services.Verifier.VerifyAsync("alice", Wrong, ct);
        }

        Assert.Equal(ApiUserStatus.Enabled, (await _services.Users.FindAsync(user.Id, ct))!.Status);
        var lockedAt = _services.Time.GetUtcNow().UtcDateTime;

        // Act
        await _services.Verifier.VerifyAsync("alice", Wrong, ct);
        var whileLocked = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);
        _services.Time.Advance(TimeSpan.FromMinutes(14));
        var justBefore = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);
        var lockedState = (await _services.Users.FindAsync(user.Id, ct))!;
        _services.Time.Advance(TimeSpan.FromMinutes(1));
        var afterExpiry = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);

        // Assert
        Assert.Null(whileLocked);
        Assert.Null(justBefore);
        Assert.Equal(ApiUserStatus.Locked, lockedState.Status);
        Assert.Equal(lockedAt.AddMinutes(15), lockedState.LockedUntil);
        Assert.Equal(5, lockedState.FailedAttempts);
        Assert.NotNull(afterExpiry);
        var stored = (await _services.Users.FindAsync(user.Id, ct))!;
        Assert.Equal(ApiUserStatus.Enabled, stored.Status);
        Assert.Equal(0, stored.FailedAttempts);
        Assert.Null(stored.LockedUntil);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "Locked", ct);
        Assert.Equal("system", audit.Actor);
    }

    [Fact]
    public async Task VerifyAsync_WrongPasswordAfterExpiredLockout_CountsFromOne()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);
        for (var i = 0; i < 5; i++)
        {
            await _services.Verifier.VerifyAsync("alice", Wrong, ct);
        }

        _services.Time.Advance(TimeSpan.FromMinutes(16));

        // Act
        await _services.Verifier.VerifyAsync("alice", Wrong, ct);

        // Assert
        var stored = (await _services.Users.FindAsync(user.Id, ct))!;
        Assert.Equal(ApiUserStatus.Enabled, stored.Status);
        Assert.Equal(1, stored.FailedAttempts);
    }

    [Fact]
    public async Task VerifyAsync_ConfiguredLimitAndNoExpiry_LocksUntilUnlocked()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        _services.Options.CurrentValue = new ApiUserOptions { MaxFailedAttempts = 2, LockoutMinutes = 0 };
        var user = await _services.CreateAsync("alice", ct);

        // Act
        await _services.Verifier.VerifyAsync("alice", Wrong, ct);
        await _services.Verifier.VerifyAsync("alice", Wrong, ct);
        _services.Time.Advance(TimeSpan.FromDays(30));
        var stillLocked = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);
        await _services.Users.UnlockAsync(user.Id, GatewayHost.TestActor, ct);
        var afterUnlock = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);

        // Assert
        Assert.Null(stillLocked);
        Assert.NotNull(afterUnlock);
    }

    [Fact]
    public async Task IsActiveAsync_EnabledDisabledLockedRestrictedOrUnknown_OnlyActiveAllowedUserIsTrue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateClientAsync("app-one", ct);
        await _services.CreateClientAsync("app-two", ct);
        var active = await _services.CreateAsync("alice", ct);
        var restricted = await _services.CreateAsync("bob", ct, "app-one");
        var disabled = await _services.CreateAsync("carol", ct);
        var locked = await _services.CreateAsync("dave", ct);
        await _services.Users.DisableAsync(disabled.Id, GatewayHost.TestActor, ct);
        for (var i = 0; i < 5; i++)
        {
            await _services.Verifier.VerifyAsync("dave", Wrong, ct);
        }

        // Act
        var results = new[]
        {
            await _services.Verifier.IsActiveAsync(active.Id, "app-two", ct),
            await _services.Verifier.IsActiveAsync(restricted.Id, "app-one", ct),
            await _services.Verifier.IsActiveAsync(restricted.Id, "app-two", ct),
            await _services.Verifier.IsActiveAsync(disabled.Id, "app-one", ct),
            await _services.Verifier.IsActiveAsync(locked.Id, "app-one", ct),
            await _services.Verifier.IsActiveAsync(99_999, "app-one", ct),
        };

        // Assert
        Assert.Equal([true, true, false, false, false, false], results);
    }

    [Fact]
    public async Task VerifyAsync_RestrictedUser_OnlyListedClientsAllowed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateClientAsync("app-one", ct);
        await _services.CreateClientAsync("app-two", ct);
        var user = await _services.CreateAsync("alice", ct, "app-one");

        // Act
        var listed = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, "APP-ONE", ct);
        var other = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, "app-two", ct);
        var withoutClient = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, ct);

        // Assert
        Assert.NotNull(listed);
        Assert.Null(other);
        Assert.NotNull(withoutClient);
        Assert.Equal(["app-one"], withoutClient.AllowedClientIds);
        Assert.False(withoutClient.IsClientAllowed("app-two"));
        Assert.Equal(0, (await _services.Users.FindAsync(user.Id, ct))!.FailedAttempts);
    }

    [Fact]
    public async Task VerifyAsync_UnrestrictedUser_AnyClientAllowed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateAsync("alice", ct);

        // Act
        var owner = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, "any-client", ct);

        // Assert
        Assert.NotNull(owner);
        Assert.True(owner.IsClientAllowed("whatever"));
    }

    [Fact]
    public async Task VerifyAsync_OnlyAllowedClientDeleted_UserStaysRestricted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _services.CreateClientAsync("app-one", ct);
        await _services.CreateAsync("alice", ct, "app-one");
        await _services.Clients.Clients.DeleteAsync(client.Id, GatewayHost.TestActor, ct);

        // Act
        var owner = await _services.Verifier.VerifyAsync("alice", ApiUserTestServices.Password, "app-two", ct);

        // Assert
        Assert.Null(owner);
    }

    [Fact]
    public async Task VerifyAsync_ConcurrentWrongPasswords_LockOnceWithOneAuditRow()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await _services.CreateAsync("alice", ct);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => _services.Verifier.VerifyAsync("alice", Wrong, ct), ct)));

        // Assert
        Assert.All(results, Assert.Null);
        var stored = (await _services.Users.FindAsync(user.Id, ct))!;
        Assert.Equal(ApiUserStatus.Locked, stored.Status);
        Assert.InRange(stored.FailedAttempts, 5, 6);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "Locked", ct));
    }

    [Fact]
    public async Task DefaultClientOverload_ImplementationWithoutIt_ChecksAllowedClients()
    {
        // Arrange
        IResourceOwnerVerifier verifier = new FixedVerifier(new ResourceOwner(7, "alice", "Alice", ["app-one"]));

        // Act
        var allowed = await verifier.VerifyAsync("alice", "pw", "app-one", TestContext.Current.CancellationToken);
        var refused = await verifier.VerifyAsync("alice", "pw", "app-two", TestContext.Current.CancellationToken);

        // Assert
        Assert.NotNull(allowed);
        Assert.Null(refused);
    }

    private sealed class FixedVerifier(ResourceOwner owner) : IResourceOwnerVerifier
    {
        public Task<ResourceOwner?> VerifyAsync(string userName, string password, CancellationToken cancellationToken) => Task.FromResult<ResourceOwner?>(owner);

        public Task<bool> IsActiveAsync(int userId, string clientId, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
