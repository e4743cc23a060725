using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Groups;

/// <summary>SecurityLevelService rules against a real migrated SQLite file (A–D seeded, D default).</summary>
public sealed class SecurityLevelServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private GroupTestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new GroupTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ListAsync_Seeded_FourLevelsByRankWithDDefault()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var page = await _services.Levels.ListAsync(new PageRequest(), ct);

        // Assert
        Assert.Equal(["A", "B", "C", "D"], page.Items.Select(l => l.Code));
        Assert.Equal("D", Assert.Single(page.Items, l => l.IsDefault).Code);
        Assert.All(page.Items, l => Assert.True(l.IsSystem));
    }

    [Fact]
    public async Task CreateAsync_Valid_CreatedAndSignalled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var level = await _services.Levels.CreateAsync(new SecurityLevelInput { Code = " E-1 ", Name = "Level E", Rank = 5 }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("E-1", level.Code);
        Assert.False(level.IsSystem);
        Assert.Equal(1, _services.Signal.Count);
        Assert.Equal(5, (await _services.Levels.ListAsync(new PageRequest(Query: "E-1"), ct)).Items.Single().Rank);
    }

    [Fact]
    public async Task CreateAsync_ManyBadFields_ReportsEveryField()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = new SecurityLevelInput { Code = "bad code!", Name = "", Rank = 0, Description = new string('x', 501) };

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Levels.CreateAsync(input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["code", "description", "name", "rank"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task CreateAsync_CodeLongerThan20_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Levels.CreateAsync(new SecurityLevelInput { Code = new string('E', 21), Name = "n", Rank = 9 }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["code"], error.Errors.Keys);
    }

    [Fact]
    public async Task CreateAsync_DuplicateCodeAnyCaseAndRank_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Levels.CreateAsync(new SecurityLevelInput { Code = "a", Name = "again", Rank = 2 }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("already exists", Assert.Single(error.Errors["code"]), StringComparison.Ordinal);
        Assert.Contains("rank 2", Assert.Single(error.Errors["rank"]), StringComparison.Ordinal);
        Assert.Equal(0, _services.Signal.Count);
    }

    [Fact]
    public async Task UpdateAsync_SystemLevelCodeAndRank_RejectedButNameChanges()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var a = (await _services.Levels.FindAsync(1, ct))!;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Levels.UpdateAsync(1, SecurityLevelInput.From(a) with { Code = "AA", Rank = 10 }, GatewayHost.TestActor, ct));
        var renamed = await _services.Levels.UpdateAsync(1, SecurityLevelInput.From(a) with { Name = "Top secret" }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(["code", "rank"], error.Errors.Keys.Order());
        Assert.Equal("Top secret", renamed.Name);
    }

    [Fact]
    public async Task UpdateAsync_RankOfLevelInUse_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var e = await _services.Levels.CreateAsync(new SecurityLevelInput { Code = "E", Name = "E", Rank = 5 }, GatewayHost.TestActor, ct);
        await _services.CreateGroupAsync("g1", ct, e.Id);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Levels.UpdateAsync(e.Id, SecurityLevelInput.From(e) with { Rank = 6 }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["rank"], error.Errors.Keys);
    }

    [Fact]
    public async Task UpdateAsync_StaleStamp_Conflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var e = await _services.Levels.CreateAsync(new SecurityLevelInput { Code = "E", Name = "E", Rank = 5 }, GatewayHost.TestActor, ct);
        var stale = SecurityLevelInput.From(e);
        await _services.Levels.UpdateAsync(e.Id, stale with { Name = "E2" }, GatewayHost.TestActor, ct);

        // Act + Assert
        await Assert.ThrowsAsync<EntityConflictException>(() => _services.Levels.UpdateAsync(e.Id, stale with { Name = "E3" }, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task DeleteAsync_SystemLevel_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Levels.DeleteAsync(2, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("system level", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await _services.Levels.FindAsync(2, ct));
    }

    [Fact]
    public async Task DeleteAsync_UsedByGroupAndClient_RefusedListingThem()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var e = await _services.Levels.CreateAsync(new SecurityLevelInput { Code = "E", Name = "E", Rank = 5 }, GatewayHost.TestActor, ct);
        await _services.CreateGroupAsync("payments", ct, e.Id);
        await _services.CreateClientAsync("partner-1", e.Id, ct);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Levels.DeleteAsync(e.Id, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("payments", error.Message, StringComparison.Ordinal);
        Assert.Contains("partner-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_Unused_DeletedAndAudited()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var e = await _services.Levels.CreateAsync(new SecurityLevelInput { Code = "E", Name = "E", Rank = 5 }, GatewayHost.TestActor, ct);

        // Act
        await _services.Levels.DeleteAsync(e.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Null(await _services.Levels.FindAsync(e.Id, ct));
        var audit = await _services.LastAuditAsync(ct);
        Assert.Equal(("SecurityLevel", "Deleted"), (audit.EntityType, audit.Action));
    }

    [Fact]
    public async Task SetDefaultAsync_OtherLevel_MovesTheDefaultAndDefaultCannotBeDeleted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var e = await _services.Levels.CreateAsync(new SecurityLevelInput { Code = "E", Name = "E", Rank = 5 }, GatewayHost.TestActor, ct);

        // Act
        await _services.Levels.SetDefaultAsync(e.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(e.Id, (await _services.Levels.FindDefaultAsync(ct)).Id);
        Assert.False((await _services.Levels.FindAsync(4, ct))!.IsDefault);
        await Assert.ThrowsAsync<EntityConflictException>(() => _services.Levels.DeleteAsync(e.Id, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task SetDefaultAsync_Missing_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Levels.SetDefaultAsync(999, GatewayHost.TestActor, ct));
    }
}
