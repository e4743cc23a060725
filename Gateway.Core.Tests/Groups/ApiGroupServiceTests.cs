using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Groups;

/// <summary>ApiGroupService rules against a real migrated SQLite file (levels A=1 … D=4, D default).</summary>
public sealed class ApiGroupServiceTests : IAsyncLifetime
{
    private const int LevelA = 1;
    private const int LevelB = 2;
    private const int LevelC = 3;
    private const int LevelD = 4;

    private TempDatabase _database = null!;
    private GroupTestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new GroupTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task CreateAsync_NoLevel_GetsDefaultLevelAllDaysUtc()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var group = await _services.Groups.CreateAsync(new ApiGroupInput { Name = "orders.read", Alias = " Orders " }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(LevelD, group.SecurityLevelId);
        Assert.Equal(AllowedDays.All, group.AllowedDays);
        Assert.Equal("UTC", group.TimeZoneId);
        Assert.Equal("Orders", group.Alias);
        Assert.Equal(1, _services.Signal.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public async Task CreateAsync_BadName_RejectedOnName(string name)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.CreateAsync(new ApiGroupInput { Name = name }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["name"], error.Errors.Keys);
    }

    [Fact]
    public async Task CreateAsync_NameOver100_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.CreateAsync(new ApiGroupInput { Name = new string('g', 101) }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["name"], error.Errors.Keys);
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameAnyCase_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateGroupAsync("payments", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.CreateGroupAsync("PAYMENTS", ct));

        // Assert
        Assert.Contains("already exists", Assert.Single(error.Errors["name"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NoAllowedDays_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.CreateAsync(new ApiGroupInput { Name = "g", AllowedDays = AllowedDays.None }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["allowedDays"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("08:00", null, "allowedEndTime")]
    [InlineData(null, "17:00", "allowedStartTime")]
    [InlineData("09:00", "09:00", "allowedEndTime")]
    public async Task CreateAsync_BadTimeWindow_Rejected(string? start, string? end, string field)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = new ApiGroupInput
        {
            Name = "g",
            AllowedStartTime = start is null ? null : TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            AllowedEndTime = end is null ? null : TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
        };

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.CreateAsync(input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task CreateAsync_WindowCrossingMidnightInIanaZone_Accepted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = new ApiGroupInput
        {
            Name = "night",
            AllowedDays = AllowedDays.Monday | AllowedDays.Friday,
            AllowedStartTime = new TimeOnly(22, 0),
            AllowedEndTime = new TimeOnly(6, 0),
            TimeZoneId = "Asia/Taipei",
        };

        // Act
        var group = await _services.Groups.CreateAsync(input, GatewayHost.TestActor, ct);

        // Assert
        var found = await _services.Groups.FindAsync(group.Id, ct);
        Assert.Equal((new TimeOnly(22, 0), new TimeOnly(6, 0), "Asia/Taipei"), (found!.AllowedStartTime!.Value, found.AllowedEndTime!.Value, found.TimeZoneId));
        Assert.Equal(AllowedDays.Monday | AllowedDays.Friday, found.AllowedDays);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    public async Task CreateAsync_UnknownTimeZone_Rejected(string zone)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.CreateAsync(new ApiGroupInput { Name = "g", TimeZoneId = zone }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["timeZoneId"], error.Errors.Keys);
    }

    [Fact]
    public async Task CreateAsync_UnknownLevel_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.CreateGroupAsync("g", ct, 999));

        // Assert
        Assert.Equal(["securityLevelId"], error.Errors.Keys);
    }

    [Fact]
    public async Task UpdateAsync_LevelAboveHoldingClient_RefusedListingClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("g", ct, LevelC);
        await _services.CreateClientAsync("client-c", LevelC, ct, groupIds: [group.Id]);
        await _services.CreateClientAsync("client-a", LevelA, ct, groupIds: [group.Id]);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.UpdateAsync(group.Id, ApiGroupInput.From(group) with { SecurityLevelId = LevelB }, GatewayHost.TestActor, ct));

        // Assert
        var message = Assert.Single(error.Errors["securityLevelId"]);
        Assert.Contains("client-c", message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-a", message, StringComparison.Ordinal);
        Assert.Equal(LevelC, (await _services.Groups.FindAsync(group.Id, ct))!.SecurityLevelId);
    }

    [Fact]
    public async Task UpdateAsync_LevelAboveClientHoldingGroupThroughScope_RefusedListingClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("g", ct, LevelC);
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);
        await _services.Scopes.AddGroupsAsync(scope.Id, [group.Id], GatewayHost.TestActor, ct);
        await _services.CreateClientAsync("via-scope", LevelC, ct, scopeIds: [scope.Id]);
        await _services.CreateClientAsync("unrelated", LevelD, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.UpdateAsync(group.Id, ApiGroupInput.From(group) with { SecurityLevelId = LevelA }, GatewayHost.TestActor, ct));

        // Assert
        var message = Assert.Single(error.Errors["securityLevelId"]);
        Assert.Contains("1 client(s) holding this group: via-scope.", message, StringComparison.Ordinal);
        Assert.Equal(LevelC, (await _services.Groups.FindAsync(group.Id, ct))!.SecurityLevelId);
    }

    [Fact]
    public async Task UpdateAsync_LevelLowered_AcceptedForHoldingClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("g", ct, LevelC);
        await _services.CreateClientAsync("client-c", LevelC, ct, groupIds: [group.Id]);

        // Act
        var updated = await _services.Groups.UpdateAsync(group.Id, ApiGroupInput.From(group) with { SecurityLevelId = LevelD }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(LevelD, updated.SecurityLevelId);
    }

    [Fact]
    public async Task ListForLevelAsync_RankC_HidesAAndBGroups()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.CreateGroupAsync("ga", ct, LevelA);
        await _services.CreateGroupAsync("gb", ct, LevelB);
        await _services.CreateGroupAsync("gc", ct, LevelC);
        await _services.CreateGroupAsync("gd", ct, LevelD);

        // Act
        var page = await _services.Groups.ListForLevelAsync(3, new PageRequest(), ct);

        // Assert
        Assert.Equal(["gc", "gd"], page.Items.Select(g => g.Name));
    }

    [Fact]
    public async Task ListAsync_SearchAliasAndLevelFilter_Matches()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.Groups.CreateAsync(new ApiGroupInput { Name = "g1", Alias = "Billing", SecurityLevelId = LevelA }, GatewayHost.TestActor, ct);
        await _services.Groups.CreateAsync(new ApiGroupInput { Name = "g2", Alias = "Billing too", SecurityLevelId = LevelB }, GatewayHost.TestActor, ct);
        await _services.Groups.CreateAsync(new ApiGroupInput { Name = "g3", Description = "other" }, GatewayHost.TestActor, ct);

        // Act
        var byAlias = await _services.Groups.ListAsync(new PageRequest(Query: "billing"), ct);
        var byLevel = await _services.Groups.ListAsync(new PageRequest(Query: "billing"), ct, LevelB);

        // Assert
        Assert.Equal(["g1", "g2"], byAlias.Items.Select(g => g.Name));
        Assert.Equal(["g2"], byLevel.Items.Select(g => g.Name));
    }

    [Fact]
    public async Task AddApisAsync_UnknownApi_RejectedAndNothingAdded()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("g", ct);
        var api = await _services.CreateApiAsync("orders", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Groups.AddApisAsync(group.Id, [api.Id, 999], GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("999", Assert.Single(error.Errors["apiIds"]), StringComparison.Ordinal);
        Assert.Empty((await _services.Groups.FindAsync(group.Id, ct))!.Apis);
    }

    [Fact]
    public async Task AddApisAsync_ThenRemove_MembershipFollowsAndIsAudited()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("g", ct);
        var orders = await _services.CreateApiAsync("orders", ct);
        var stock = await _services.CreateApiAsync("stock", ct);

        // Act
        await _services.Groups.AddApisAsync(group.Id, [orders.Id, stock.Id], GatewayHost.TestActor, ct);
        await _services.Groups.AddApisAsync(group.Id, [orders.Id], GatewayHost.TestActor, ct);
        await _services.Groups.RemoveApiAsync(group.Id, orders.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(["stock"], (await _services.Groups.FindAsync(group.Id, ct))!.Apis.Select(m => m.Api!.Name));
        Assert.Equal("ApiRemoved", (await _services.LastAuditAsync(ct)).Action);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Groups.RemoveApiAsync(group.Id, orders.Id, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task DeleteAsync_HeldByClientAndScope_RefusedListingBoth()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("g", ct);
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "orders:read" }, GatewayHost.TestActor, ct);
        await _services.Scopes.AddGroupsAsync(scope.Id, [group.Id], GatewayHost.TestActor, ct);
        await _services.CreateClientAsync("partner-9", LevelD, ct, groupIds: [group.Id]);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Groups.DeleteAsync(group.Id, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("partner-9", error.Message, StringComparison.Ordinal);
        Assert.Contains("orders:read", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 membership(s)", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await _services.Groups.FindAsync(group.Id, ct));
    }

    [Fact]
    public async Task DeleteAsync_RemoveMemberships_DeletesGroupAndMemberships()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("g", ct);
        var api = await _services.CreateApiAsync("orders", ct);
        await _services.Groups.AddApisAsync(group.Id, [api.Id], GatewayHost.TestActor, ct);
        var scope = await _services.Scopes.CreateAsync(new ApiScopeInput { Name = "s" }, GatewayHost.TestActor, ct);
        await _services.Scopes.AddGroupsAsync(scope.Id, [group.Id], GatewayHost.TestActor, ct);
        await _services.CreateClientAsync("partner-9", LevelD, ct, groupIds: [group.Id]);

        // Act
        await _services.Groups.DeleteAsync(group.Id, GatewayHost.TestActor, ct, removeMemberships: true);

        // Assert
        Assert.Null(await _services.Groups.FindAsync(group.Id, ct));
        Assert.Equal(0, await _services.CountAsync<ClientGroup>(ct));
        Assert.Equal(0, await _services.CountAsync<ApiScopeGroup>(ct));
        Assert.Equal(0, await _services.CountAsync<ApiGroupApi>(ct));
        Assert.NotNull(await _services.Apis.FindAsync(api.Id, ct));
        var audit = await _services.LastAuditAsync(ct);
        Assert.Equal("Deleted", audit.Action);
        Assert.Contains("partner-9", audit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiDeleteAsync_ApiInGroup_RefusedListingGroupUnlessMembershipsRemoved()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var group = await _services.CreateGroupAsync("billing", ct);
        var api = await _services.CreateApiAsync("orders", ct);
        await _services.Groups.AddApisAsync(group.Id, [api.Id], GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Apis.DeleteAsync(api.Id, GatewayHost.TestActor, ct));
        await _services.Apis.DeleteAsync(api.Id, GatewayHost.TestActor, ct, removeMemberships: true);

        // Assert
        Assert.Contains("billing", error.Message, StringComparison.Ordinal);
        Assert.Null(await _services.Apis.FindAsync(api.Id, ct));
        Assert.Empty((await _services.Groups.FindAsync(group.Id, ct))!.Apis);
    }
}
