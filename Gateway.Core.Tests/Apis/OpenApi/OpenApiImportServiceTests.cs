using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Apis.OpenApi;

public sealed class OpenApiImportServiceTests : IAsyncLifetime
{
    private static readonly Actor TestActor = new("tester", "system");
    private TempDatabase _database = null!;
    private CatalogServices _services = null!;
    private OpenApiImportOptions _options = null!;
    private OpenApiSpecFetcher _fetcher = null!;
    private OpenApiImportService _import = null!;
    private int _backendId;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(cancellationToken);
        _services = new CatalogServices(_database);
        _options = new OpenApiImportOptions { MaxSpecBytes = 16 * 1024, FetchTimeout = TimeSpan.FromMilliseconds(500) };
        _fetcher = new OpenApiSpecFetcher(_options);
        _import = new OpenApiImportService(_database.Factory, _services.Apis, _fetcher, _options);
        var backend = await _services.Backends.CreateAsync(new() { Name = "shop-backend", Host = "127.0.0.1", Port = 9 }, TestActor, cancellationToken);
        _backendId = backend.Id;
    }

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task PreviewAsync_NewDocument_ListsOperationsAndNewTarget()
    {
        // Act
        var preview = await _import.PreviewAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30 }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(("Shop-API", "1.0", (int?)null), (preview.Name, preview.Version, preview.ExistingApiId));
        Assert.Equal(["GET /orders", "POST /orders", "DELETE /orders/{id}"], preview.Spec.Operations.Select(o => $"{o.Method} {o.Path}").ToArray());
        Assert.Equal(["GET", "POST", "DELETE"], preview.Methods);
        Assert.Empty(preview.Warnings);
    }

    [Fact]
    public async Task ImportAsync_NewThenChangedDocument_CreatesThenUpdatesSameApi()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var versionBefore = await ConfigVersionAsync(cancellationToken);

        // Act
        var created = await _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30, Name = "shop", Path = "/shop/v1", BackendId = _backendId }, TestActor, cancellationToken);
        var preview = await _import.PreviewAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30Changed, Name = "shop" }, cancellationToken);
        var updated = await _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30Changed, Name = "shop" }, TestActor, cancellationToken);

        // Assert
        Assert.True(created.Created);
        Assert.Equal(("shop", "1.0", "Shop API", "Orders and products.", "/shop/v1"), (created.Api.Name, created.Api.Version, created.Api.DisplayName, created.Api.Description, created.Api.Path));
        Assert.Equal(created.Api.Id, preview.ExistingApiId);
        Assert.Equal("/shop/v1", preview.ExistingPath);
        Assert.False(updated.Created);
        Assert.Equal(created.Api.Id, updated.Api.Id);
        var stored = await _services.Apis.FindAsync(created.Api.Id, cancellationToken);
        Assert.Equal(["GET", "PATCH"], stored!.Methods);
        Assert.Equal("Orders, second edition.", stored.Description);
        Assert.Equal("/shop/v1", stored.Path);
        Assert.Equal(OpenApiSamples.Json30Changed, (await _services.Apis.FindOpenApiDocumentAsync(created.Api.Id, cancellationToken))!.Content);
        Assert.Equal(versionBefore + 2, await ConfigVersionAsync(cancellationToken));
    }

    [Fact]
    public async Task DeleteAsync_ImportedApi_DeletesItsDocument()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var imported = await _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json31, Path = "/pets", BackendId = _backendId }, TestActor, cancellationToken);

        // Act
        await _services.Apis.DeleteAsync(imported.Api.Id, TestActor, cancellationToken);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        Assert.False(await db.ApiOpenApiDocuments.AnyAsync(cancellationToken));
    }

    [Fact]
    public async Task ImportAsync_NewApiWithoutPathOrBackend_ReportsFieldsAndCreatesNothing()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _import.ImportAsync(new OpenApiImportRequest { Content = OpenApiSamples.Yaml31 }, TestActor, cancellationToken));

        // Assert
        Assert.Contains("path", ex.Errors.Keys);
        Assert.Contains("backendId", ex.Errors.Keys);
        Assert.Equal(0, (await _services.Apis.ListAsync(new PageRequest(), cancellationToken)).Total);
    }

    [Fact]
    public async Task PreviewAsync_InvalidDocument_ReportsContentErrorsWithLocation()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _import.PreviewAsync(new OpenApiImportRequest { Content = "{\n \"openapi\": 3" }, TestContext.Current.CancellationToken));

        // Assert
        Assert.StartsWith("Line ", Assert.Single(ex.Errors["content"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewAsync_NoSource_AsksForOne()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _import.PreviewAsync(new OpenApiImportRequest(), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("content", ex.Errors.Keys);
    }

    [Fact]
    public async Task PreviewAsync_ContentOverSizeLimit_IsRefused()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _import.PreviewAsync(new OpenApiImportRequest { Content = OpenApiSamples.Json30 + new string(' ', 17 * 1024) }, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("larger than 16 KB", Assert.Single(ex.Errors["content"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewAsync_FromLocalUrl_ReadsFetchedDocument()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await OpenApiSpecServer.StartAsync(cancellationToken);

        // Act
        var preview = await _import.PreviewAsync(new OpenApiImportRequest { Url = server.Url("/spec.json") }, cancellationToken);

        // Assert
        Assert.Equal(3, preview.Spec.Operations.Count);
    }

    [Theory]
    [InlineData("/missing", "The URL answered 404 NotFound.")]
    [InlineData("/big", "The document is larger than 16 KB.")]
    [InlineData("/slow", "The URL did not answer within 0.5 seconds.")]
    public async Task PreviewAsync_BadUrl_ReportsUrlError(string path, string expected)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await OpenApiSpecServer.StartAsync(cancellationToken);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _import.PreviewAsync(new OpenApiImportRequest { Url = server.Url(path) }, cancellationToken));

        // Assert
        Assert.Equal(expected, Assert.Single(ex.Errors["url"]));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/spec")]
    [InlineData("not a url")]
    public async Task PreviewAsync_UrlNotHttp_IsRefused(string url)
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _import.PreviewAsync(new OpenApiImportRequest { Url = url }, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal("Enter an absolute http or https URL.", Assert.Single(ex.Errors["url"]));
    }

    private async Task<long> ConfigVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.ConfigVersions.Where(v => v.Id == ConfigVersion.SingletonId).Select(v => v.Version).SingleAsync(cancellationToken);
    }
}
