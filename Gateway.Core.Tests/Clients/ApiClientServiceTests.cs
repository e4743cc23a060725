using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary>ApiClientService search, details and delete against a real migrated SQLite file.</summary>
public sealed class ApiClientServiceTests : IAsyncLifetime
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
    public async Task ListAsync_KeywordMatchesIdNameDisplayNameOrGroup()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var byId = await _services.Clients.CreateAsync(ClientTestServices.Input("alpha-id"), GatewayHost.TestActor, ct);
        await _services.Clients.CreateAsync(ClientTestServices.Input("beta") with { DisplayName = "Alpha display" }, GatewayHost.TestActor, ct);
        var inGroup = await _services.Clients.CreateAsync(ClientTestServices.Input("gamma"), GatewayHost.TestActor, ct);
        await _services.Clients.CreateAsync(ClientTestServices.Input("delta"), GatewayHost.TestActor, ct);
        var group = await _services.AddGroupAsync("alphagroup", ClientTestServices.LevelD, ct);
        await _services.Security.AddGroupsAsync(inGroup.Id, [group], GatewayHost.TestActor, ct);

        // Act
        var result = await _services.Clients.ListAsync(new PageRequest(Query: "ALPHA"), null, ct);

        // Assert
        Assert.Equal(3, result.Total);
        Assert.Equal(["alpha-id", "beta", "gamma"], result.Items.Select(c => c.ClientId));
        Assert.Contains(result.Items, c => c.Id == byId.Id && c.SecurityLevel!.Code == "D");
    }

    [Fact]
    public async Task ListAsync_StatusFilterAndPaging()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            await _services.Clients.CreateAsync(ClientTestServices.Input("c" + i) with { Status = i % 2 == 0 ? ClientStatus.Enabled : ClientStatus.Disabled }, GatewayHost.TestActor, ct);
        }

        // Act
        var disabled = await _services.Clients.ListAsync(new PageRequest(), ClientStatus.Disabled, ct);
        var all = await _services.Clients.ListAsync(new PageRequest(2, 2), null, ct);

        // Assert
        Assert.Equal(["c1", "c3"], disabled.Items.Select(c => c.ClientId));
        Assert.Equal(5, all.Total);
        Assert.Equal(["c2", "c3"], all.Items.Select(c => c.ClientId));
    }

    [Fact]
    public async Task DeleteAsync_RemovesBindingsAndMemberships_AuditKeepsRecordWithoutSecrets()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _services.Clients.CreateAsync(ClientTestServices.Input("gone") with { IpBindings = [new() { HostName = "h.example.com", IpAddress = "10.0.0.1" }] }, GatewayHost.TestActor, ct);
        var group = await _services.AddGroupAsync("g1", ClientTestServices.LevelD, ct);
        var scope = await _services.AddScopeAsync("s1", [group], ct);
        await _services.Security.AddGroupsAsync(client.Id, [group], GatewayHost.TestActor, ct);
        await _services.Security.AddScopesAsync(client.Id, [scope], GatewayHost.TestActor, ct);

        // Act
        await _services.Clients.DeleteAsync(client.Id, GatewayHost.TestActor, ct);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.False(await db.ApiClients.AnyAsync(ct));
        Assert.False(await db.ClientIpBindings.AnyAsync(ct));
        Assert.False(await db.ClientGroups.AnyAsync(ct));
        Assert.False(await db.ClientScopes.AnyAsync(ct));
        Assert.True(await db.ApiGroups.AnyAsync(ct));
        var deleted = await db.AuditEntries.SingleAsync(a => a.EntityType == ApiClientService.EntityName && a.Action == "Deleted", ct);
        Assert.Contains("gone", deleted.Before, StringComparison.Ordinal);
        var audit = await db.AuditEntries.Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync(ct);
        Assert.DoesNotContain(audit, a => a.Contains("S3cret", StringComparison.Ordinal) || a.Contains("AQAAAA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteAsync_Missing_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Clients.DeleteAsync(77, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task FindByClientIdAsync_AnyCase_ReturnsDetails()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.Clients.CreateAsync(ClientTestServices.Input("Partner@Corp"), GatewayHost.TestActor, ct);

        // Act
        var found = await _services.Clients.FindByClientIdAsync("partner@corp", ct);
        var missing = await _services.Clients.FindByClientIdAsync("nobody", ct);

        // Assert
        Assert.Equal("Partner@Corp", found!.ClientId);
        Assert.Null(missing);
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("2001:DB8:0:0::/64", "2001:db8::/64")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1", null)]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("10.0.0.0/40", null)]
    [InlineData("fe80::1%eth0", null)]
    [InlineData("host.example.com", null)]
    public void NormalizeIp_AcceptsAddressesAndCanonicalRanges(string value, string? expected)
    {
        // Act
        var normalized = ApiClientService.NormalizeIp(value);

        // Assert
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public async Task CreateAsync_NoLevelChosen_GetsTheLevelMarkedDefault()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            await db.SecurityLevels.ExecuteUpdateAsync(l => l.SetProperty(x => x.IsDefault, x => x.Id == ClientTestServices.LevelC), ct);
        }

        // Act
        var client = await _services.Clients.CreateAsync(ClientTestServices.Input("c1"), GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(ClientTestServices.LevelC, client.SecurityLevelId);
    }

    [Fact]
    public async Task CreateAsync_NoLevelExists_RejectedOnSecurityLevel()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            await db.SecurityLevels.ExecuteDeleteAsync(ct);
        }

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Clients.CreateAsync(ClientTestServices.Input("c1"), GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["securityLevelId"], error.Errors.Keys);
    }
}
