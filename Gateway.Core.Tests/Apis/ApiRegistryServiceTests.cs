using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Apis;

public sealed class ApiRegistryServiceTests : IAsyncLifetime
{
    private static readonly Actor TestActor = new("tester", "system");
    private TempDatabase _database = null!;
    private CatalogServices _services = null!;
    private int _backendA;
    private int _backendB;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(cancellationToken);
        _services = new CatalogServices(_database);
        _backendA = (await _services.Backends.CreateAsync(new() { Name = "a", Host = "127.0.0.1", Port = 9 }, TestActor, cancellationToken)).Id;
        _backendB = (await _services.Backends.CreateAsync(new() { Name = "b", Host = "127.0.0.1", Port = 10 }, TestActor, cancellationToken)).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SetStatusBatchAsync_SeveralApis_ChangesAllWithOneVersionBump()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var one = await CreateAsync("one", "/one", _backendA, cancellationToken);
        var two = await CreateAsync("two", "/two", _backendA, cancellationToken);
        var three = await CreateAsync("three", "/three", _backendA, cancellationToken);
        var version = await ConfigVersionAsync(cancellationToken);
        var signals = _services.Signal.Count;

        // Act
        var changed = await _services.Apis.SetStatusBatchAsync([one.Id, two.Id], ApiStatus.Inactive, TestActor, cancellationToken);

        // Assert
        Assert.Equal(2, changed);
        Assert.Equal(version + 1, await ConfigVersionAsync(cancellationToken));
        Assert.Equal(signals + 1, _services.Signal.Count);
        Assert.Equal(ApiStatus.Inactive, (await _services.Apis.FindAsync(one.Id, cancellationToken))!.Status);
        Assert.Equal(ApiStatus.Inactive, (await _services.Apis.FindAsync(two.Id, cancellationToken))!.Status);
        Assert.Equal(ApiStatus.Active, (await _services.Apis.FindAsync(three.Id, cancellationToken))!.Status);
    }

    [Fact]
    public async Task SetStatusBatchAsync_UnknownId_ThrowsAndChangesNothing()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var one = await CreateAsync("one", "/one", _backendA, cancellationToken);
        var version = await ConfigVersionAsync(cancellationToken);

        // Act
        var ex = await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Apis.SetStatusBatchAsync([one.Id, 999], ApiStatus.Inactive, TestActor, cancellationToken));

        // Assert
        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
        Assert.Equal(version, await ConfigVersionAsync(cancellationToken));
        Assert.Equal(ApiStatus.Active, (await _services.Apis.FindAsync(one.Id, cancellationToken))!.Status);
    }

    [Fact]
    public async Task SetStatusBatchAsync_AlreadyInStatus_WritesNothing()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var one = await CreateAsync("one", "/one", _backendA, cancellationToken);
        var version = await ConfigVersionAsync(cancellationToken);

        // Act
        var changed = await _services.Apis.SetStatusBatchAsync([one.Id], ApiStatus.Active, TestActor, cancellationToken);

        // Assert
        Assert.Equal(0, changed);
        Assert.Equal(version, await ConfigVersionAsync(cancellationToken));
    }

    [Fact]
    public async Task SetStatusBatchAsync_BadInput_ReportsFields()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;

        // Act
        var empty = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Apis.SetStatusBatchAsync([], (ApiStatus)7, TestActor, cancellationToken));
        var tooMany = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Apis.SetStatusBatchAsync([.. Enumerable.Range(1, ApiService.MaxBatchSize + 1)], ApiStatus.Active, TestActor, cancellationToken));

        // Assert
        Assert.Equal(["ids", "status"], empty.Errors.Keys.Order().ToArray());
        Assert.Equal(["ids"], tooMany.Errors.Keys.ToArray());
    }

    [Fact]
    public async Task ListAsync_Filters_CombineStatusTagAndBackend()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await CreateAsync("orders", "/orders", _backendA, cancellationToken, ["Shop", "internal"]);
        await CreateAsync("products", "/products", _backendB, cancellationToken, ["shop"]);
        var legacy = await CreateAsync("legacy", "/legacy", _backendA, cancellationToken, ["shop_old"]);
        await _services.Apis.SetStatusAsync(legacy.Id, ApiStatus.Deprecated, TestActor, cancellationToken);

        // Act
        var byTag = await _services.Apis.ListAsync(new PageRequest(), new ApiListFilter(Tag: "SHOP"), cancellationToken);
        var byBackend = await _services.Apis.ListAsync(new PageRequest(), new ApiListFilter(BackendId: _backendA), cancellationToken);
        var byStatus = await _services.Apis.ListAsync(new PageRequest(), new ApiListFilter(Status: ApiStatus.Deprecated), cancellationToken);
        var combined = await _services.Apis.ListAsync(new PageRequest(Query: "ord"), new ApiListFilter(ApiStatus.Active, "shop", _backendA), cancellationToken);
        var wildcard = await _services.Apis.ListAsync(new PageRequest(), new ApiListFilter(Tag: "shop%"), cancellationToken);

        // Assert
        Assert.Equal(["orders", "products"], byTag.Items.Select(a => a.Name).ToArray());
        Assert.Equal(["legacy", "orders"], byBackend.Items.Select(a => a.Name).ToArray());
        Assert.Equal(["legacy"], byStatus.Items.Select(a => a.Name).ToArray());
        Assert.Equal(["orders"], combined.Items.Select(a => a.Name).ToArray());
        Assert.Empty(wildcard.Items);
    }

    [Fact]
    public async Task CreateAsync_SameNameOtherVersionAndPrefix_IsAllowedButSameVersionIsNot()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await CreateAsync("shop", "/shop/v1", _backendA, cancellationToken);

        // Act
        var v2 = await _services.Apis.CreateAsync(new ApiInput { Name = "shop", Version = "v2", DisplayName = "Shop", Path = "/shop/v2", BackendId = _backendB }, TestActor, cancellationToken);
        var duplicate = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Apis.CreateAsync(
            new ApiInput { Name = "SHOP", Version = "v2", DisplayName = "Shop", Path = "/shop/v3", BackendId = _backendB }, TestActor, cancellationToken));

        // Assert
        Assert.Equal("v2", v2.Version);
        Assert.Equal(["version"], duplicate.Errors.Keys.ToArray());
    }

    private Task<ApiDefinition> CreateAsync(string name, string path, int backendId, CancellationToken cancellationToken, IReadOnlyList<string>? tags = null) =>
        _services.Apis.CreateAsync(new ApiInput { Name = name, DisplayName = name, Path = path, BackendId = backendId, Tags = tags ?? [] }, TestActor, cancellationToken);

    private async Task<long> ConfigVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.ConfigVersions.Where(v => v.Id == ConfigVersion.SingletonId).Select(v => v.Version).SingleAsync(cancellationToken);
    }
}
