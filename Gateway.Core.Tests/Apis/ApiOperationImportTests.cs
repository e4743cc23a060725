using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Apis.OpenApi;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Apis;

public sealed class ApiOperationImportTests : IAsyncLifetime
{
    private static readonly Actor TestActor = new("tester", "system");
    private TempDatabase _database = null!;
    private CatalogServices _services = null!;
    private OpenApiSpecFetcher _fetcher = null!;
    private OpenApiImportService _import = null!;
    private int _backendId;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(cancellationToken);
        _services = new CatalogServices(_database);
        var options = new OpenApiImportOptions();
        _fetcher = new OpenApiSpecFetcher(options);
        _import = new OpenApiImportService(_database.Factory, _services.Apis, _fetcher, options);
        _backendId = (await _services.Backends.CreateAsync(new() { Name = "shop-backend", Host = "127.0.0.1", Port = 9 }, TestActor, cancellationToken)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ImportAsync_NewDocument_WritesItsOperations()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;

        // Act
        var imported = await _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30, Name = "shop", Path = "/shop/v1", BackendId = _backendId }, TestActor, cancellationToken);

        // Assert
        var operations = await _services.Apis.ListOperationsAsync(imported.Api.Id, cancellationToken);
        Assert.Equal(
            ["GET /orders List orders -", "POST /orders - createOrder", "DELETE /orders/{id} - -"],
            operations.Select(o => $"{o.Method} {o.Path} {o.Summary ?? "-"} {o.OperationId ?? "-"}").ToArray());
    }

    [Fact]
    public async Task ImportAsync_ChangedDocument_ReplacesOperations()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var imported = await _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30, Name = "shop", Path = "/shop/v1", BackendId = _backendId }, TestActor, cancellationToken);

        // Act
        await _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30Changed, Name = "shop" }, TestActor, cancellationToken);

        // Assert
        var operations = await _services.Apis.ListOperationsAsync(imported.Api.Id, cancellationToken);
        Assert.Equal(["GET /orders", "PATCH /orders"], operations.Select(o => $"{o.Method} {o.Path}").ToArray());
    }

    [Fact]
    public async Task ImportAsync_InvalidApiInput_WritesNoOperations()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;

        // Act
        await Assert.ThrowsAsync<ServiceValidationException>(() => _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30, Name = "shop", Path = "no-slash", BackendId = _backendId }, TestActor, cancellationToken));

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        Assert.False(await db.ApiOperations.AnyAsync(cancellationToken));
    }

    [Fact]
    public async Task DeleteAsync_ImportedApi_DeletesItsOperations()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var imported = await _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30, Name = "shop", Path = "/shop/v1", BackendId = _backendId }, TestActor, cancellationToken);

        // Act
        await _services.Apis.DeleteAsync(imported.Api.Id, TestActor, cancellationToken);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        Assert.False(await db.ApiOperations.AnyAsync(cancellationToken));
    }
}
