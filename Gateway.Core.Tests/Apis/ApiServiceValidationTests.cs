using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Apis;

/// <summary>ApiService validation against a real migrated SQLite file.</summary>
public sealed class ApiServiceValidationTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private CatalogServices _services = null!;
    private int _backendId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(ct);
        _services = new CatalogServices(_database);
        _backendId = (await _services.Backends.CreateAsync(new BackendInput { Name = "main", Host = "127.0.0.1", Port = 8080 }, GatewayHost.TestActor, ct)).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("/users/{id")]
    [InlineData("/users/{id}{name}")]
    [InlineData("/users/{}")]
    [InlineData("users/{id}")]
    [InlineData("/a//{id}")]
    [InlineData("/readyz")]
    public async Task CreateAsync_BadPathTemplate_RejectedOnPathField(string path)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Apis.CreateAsync(Input("a", path), GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["path"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("/users/{id}", "/users/{userId}")]
    [InlineData("/shop", "/SHOP/")]
    public async Task CreateAsync_ConflictingRoute_RejectedOnPathField(string existing, string path)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.Apis.CreateAsync(Input("first", existing), GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Apis.CreateAsync(Input("second", path), GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("conflicts with API 'first'", Assert.Single(error.Errors["path"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameAndVersion_RejectedOnVersionField()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.Apis.CreateAsync(Input("orders", "/orders/v1"), GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Apis.CreateAsync(Input("Orders", "/orders/v1b"), GatewayHost.TestActor, ct));
        var otherVersion = await _services.Apis.CreateAsync(Input("orders", "/orders/v2") with { Version = "v2" }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(["version"], error.Errors.Keys);
        Assert.Equal("v2", otherVersion.Version);
    }

    [Fact]
    public async Task CreateAsync_UnknownBackendAndMethod_ReportsBoth()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = Input("a", "/a") with { BackendId = 4242, Methods = ["GET", "FETCH"] };

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Apis.CreateAsync(input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["backendId", "methods"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task CreateAsync_Valid_NormalizesPathAndMethodsAndSignals()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var api = await _services.Apis.CreateAsync(Input("a", " /Shop/v1/ ") with { Methods = ["get", "post", "GET"] }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("/Shop/v1", api.Path);
        Assert.Equal(["GET", "POST"], api.Methods);
        Assert.Equal(2, _services.Signal.Count);
    }

    [Fact]
    public async Task UpdateAsync_OwnPathUnchanged_NotAConflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var api = await _services.Apis.CreateAsync(Input("a", "/users/{id}"), GatewayHost.TestActor, ct);

        // Act
        var updated = await _services.Apis.UpdateAsync(api.Id, ApiInput.From(api) with { DisplayName = "Users" }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("Users", updated.DisplayName);
    }

    private ApiInput Input(string name, string path) => new() { Name = name, DisplayName = name, Path = path, BackendId = _backendId };
}
