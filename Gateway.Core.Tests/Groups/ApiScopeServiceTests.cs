using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Scopes;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Groups;

/// <summary>ApiScopeService rules against a real migrated SQLite file.</summary>
public sealed class ApiScopeServiceTests : IAsyncLifetime
{
    private const int LevelA = 1;
    private const int LevelC = 3;
    private TempDatabase _database = null!;
    private GroupTestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new GroupTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("read orders")]
    [InlineData("orders/read")]
    public async Task CreateAsync_BadName_RejectedOnName(string name)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Scopes.CreateAsync(new ApiScopeInput { Name = name }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["name"], error.Errors.Keys);
    }

    [Fact]
    public async Task CreateAsync_ColonName_CreatedAndDuplicateAnyCaseRejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "orders:read", Description = " Reads " }, GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Scopes.CreateAsync(new ApiScopeInput { Name = "ORDERS:READ" }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal("Reads", scope.Description);
        Assert.Contains("already exists", Assert.Single(error.Errors["name"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGroupsAsync_UnknownOrEmpty_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);

        // Act
        var unknown = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Scopes.AddGroupsAsync(scope.Id, [999], GatewayHost.TestActor, ct));
        var empty = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Scopes.AddGroupsAsync(scope.Id, [], GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("999", Assert.Single(unknown.Errors["groupIds"]), StringComparison.Ordinal);
        Assert.Equal(["groupIds"], empty.Errors.Keys);
    }

    [Fact]
    public async Task AddGroupsAsync_ThenRemove_MembershipFollows()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);
        var g1 = await _services.CreateGroupAsync("g1", ct);
        var g2 = await _services.CreateGroupAsync("g2", ct);

        // Act
        await _services.Scopes.AddGroupsAsync(scope.Id, [g1.Id, g2.Id, g1.Id], GatewayHost.TestActor, ct);
        await _services.Scopes.RemoveGroupAsync(scope.Id, g1.Id, GatewayHost.TestActor, ct);

        // Assert
        var found = await _services.Scopes.FindAsync(scope.Id, ct);
        Assert.Equal(["g2"], found!.Groups.Select(m => m.ApiGroup!.Name));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Scopes.RemoveGroupAsync(scope.Id, g1.Id, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task DeleteAsync_HeldByClient_RefusedListingClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);
        await _services.CreateClientAsync("app-7", 4, ct, scopeIds: [scope.Id]);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Scopes.DeleteAsync(scope.Id, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("app-7", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await _services.Scopes.FindAsync(scope.Id, ct));
    }

    [Fact]
    public async Task DeleteAsync_HeldByClientWithRemoveMemberships_DeletedAndAssignmentsGone()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);
        var group = await _services.CreateGroupAsync("g1", ct);
        await _services.Scopes.AddGroupsAsync(scope.Id, [group.Id], GatewayHost.TestActor, ct);
        await _services.CreateClientAsync("app-7", 4, ct, scopeIds: [scope.Id]);

        // Act
        await _services.Scopes.DeleteAsync(scope.Id, GatewayHost.TestActor, ct, removeMemberships: true);

        // Assert
        Assert.Null(await _services.Scopes.FindAsync(scope.Id, ct));
        Assert.Equal(0, await _services.CountAsync<ClientScope>(ct));
        Assert.Contains("app-7", (await _services.LastAuditAsync(ct)).Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGroupsAsync_GroupAboveLevelOfHoldingClient_RefusedListingClientsAndNothingAdded()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);
        var groupA = await _services.CreateGroupAsync("ga", ct, LevelA);
        var groupC = await _services.CreateGroupAsync("gc", ct, LevelC);
        await _services.CreateClientAsync("client-c2", LevelC, ct, scopeIds: [scope.Id]);
        await _services.CreateClientAsync("client-c1", LevelC, ct, scopeIds: [scope.Id]);
        await _services.CreateClientAsync("client-a", LevelA, ct, scopeIds: [scope.Id]);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Scopes.AddGroupsAsync(scope.Id, [groupC.Id, groupA.Id], GatewayHost.TestActor, ct));

        // Assert
        var message = Assert.Single(error.Errors["groupIds"]);
        Assert.Contains("'ga' is at level A", message, StringComparison.Ordinal);
        Assert.Contains("2 client(s) holding this scope: client-c1, client-c2", message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-a", message, StringComparison.Ordinal);
        Assert.Empty((await _services.Scopes.FindAsync(scope.Id, ct))!.Groups);
    }

    [Fact]
    public async Task AddGroupsAsync_GroupAtOrBelowLevelOfHoldingClient_Added()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);
        var groupC = await _services.CreateGroupAsync("gc", ct, LevelC);
        var groupD = await _services.CreateGroupAsync("gd", ct);
        await _services.CreateClientAsync("client-c", LevelC, ct, scopeIds: [scope.Id]);

        // Act
        await _services.Scopes.AddGroupsAsync(scope.Id, [groupC.Id, groupD.Id], GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(["gc", "gd"], (await _services.Scopes.FindAsync(scope.Id, ct))!.Groups.Select(m => m.ApiGroup!.Name).Order());
    }
}
