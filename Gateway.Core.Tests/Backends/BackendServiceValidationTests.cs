using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Backends;

/// <summary>BackendService validation against a real migrated SQLite file.</summary>
public sealed class BackendServiceValidationTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private CatalogServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new CatalogServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public async Task CreateAsync_PortOutOfRange_RejectedOnPortField(int port)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Backends.CreateAsync(Input("b1") with { Port = port }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["port"], error.Errors.Keys);
        Assert.Equal(0, _services.Signal.Count);
    }

    [Fact]
    public async Task CreateAsync_ManyBadFields_ReportsEveryFieldAtOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = new BackendInput { Name = "bad name!", Host = "not a host", Port = 70000, BasePath = "no-slash", Retries = -1, ConnectTimeoutMs = 0, ReadTimeoutMs = -5 };

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Backends.CreateAsync(input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["basePath", "connectTimeoutMs", "host", "name", "port", "readTimeoutMs", "retries"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameAnyCase_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.Backends.CreateAsync(Input("orders"), GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Backends.CreateAsync(Input("ORDERS"), GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("already exists", Assert.Single(error.Errors["name"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Valid_BumpsConfigVersionAndSignals()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var before = await ReadVersionAsync(ct);

        // Act
        var backend = await _services.Backends.CreateAsync(Input("orders") with { BasePath = "/api/" }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("/api", backend.BasePath);
        Assert.Equal(before + 1, await ReadVersionAsync(ct));
        Assert.Equal(1, _services.Signal.Count);
    }

    [Fact]
    public async Task DeleteAsync_UsedByApi_RefusedAsConflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var backend = await _services.Backends.CreateAsync(Input("orders"), GatewayHost.TestActor, ct);
        await _services.Apis.CreateAsync(new ApiInput { Name = "orders-api", DisplayName = "Orders", Path = "/orders", BackendId = backend.Id }, GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<EntityConflictException>(() => _services.Backends.DeleteAsync(backend.Id, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("orders-api", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await _services.Backends.FindAsync(backend.Id, ct));
    }

    [Fact]
    public async Task UpdateAsync_StaleConcurrencyStamp_RefusedAsConflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var backend = await _services.Backends.CreateAsync(Input("orders"), GatewayHost.TestActor, ct);
        var stale = BackendInput.From(backend);
        await _services.Backends.UpdateAsync(backend.Id, stale with { Port = 8081 }, GatewayHost.TestActor, ct);

        // Act + Assert
        await Assert.ThrowsAsync<EntityConflictException>(() => _services.Backends.UpdateAsync(backend.Id, stale with { Port = 8082 }, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task UpdateAsync_Missing_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Backends.UpdateAsync(999, Input("x"), GatewayHost.TestActor, ct));
    }

    private static BackendInput Input(string name) => new() { Name = name, Host = "127.0.0.1", Port = 8080 };

    private async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.ConfigVersions.Select(v => v.Version).SingleAsync(cancellationToken);
    }
}
