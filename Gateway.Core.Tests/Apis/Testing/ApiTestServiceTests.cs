using System.Text.Json;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Apis.Testing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Apis.Testing;

/// <summary>ApiTestService sending through a real gateway host to a real Kestrel backend.</summary>
public sealed class ApiTestServiceTests : IAsyncLifetime
{
    private RequestEchoBackend _backend = null!;
    private GatewayHost _host = null!;
    private ApiTestService _service = null!;
    private int _backendId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _backend = await RequestEchoBackend.StartAsync(ct);
        _host = await GatewayHost.StartAsync(ct, settings: new Dictionary<string, string?> { ["CallLog:FlushIntervalMs"] = "50" });
        _backendId = (await _host.CreateBackendAsync("echo", _backend.Port, ct)).Id;
        _service = _host.Services.GetRequiredService<ApiTestService>();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_OperationWithParametersQueryHeadersBody_200EchoedWithTrace()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var api = await CreateApiAsync("pets", "/pets/v1", ct);
        await AddOperationAsync(api.Id, "POST", "/owners/{ownerId}/pets", ct);
        var request = new ApiTestRequest
        {
            ApiId = api.Id,
            Method = "post",
            Path = "/owners/{ownerId}/pets",
            PathParameters = new Dictionary<string, string?> { ["ownerId"] = "ann smith" },
            Query = [new("tag", "a&b"), new("limit", "5")],
            Headers = [new("X-Trace-Me", "yes")],
            Body = """{"name":"Rex","age":3}""",
        };

        // Act
        var result = await _service.SendAsync(request, ct);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(200, result.Status);
        Assert.True(result.IsJson);
        Assert.False(result.BodyTruncated);
        Assert.Contains('\n', result.Body);
        using var echo = JsonDocument.Parse(result.Body);
        var root = echo.RootElement;
        Assert.Equal("POST", root.GetProperty("method").GetString());
        Assert.Equal("/owners/ann smith/pets", root.GetProperty("path").GetString());
        Assert.EndsWith("/pets/v1/owners/ann%20smith/pets?tag=a%26b&limit=5", result.Url, StringComparison.Ordinal);
        Assert.Equal("?tag=a%26b&limit=5", root.GetProperty("query").GetString());
        Assert.Equal("""{"name":"Rex","age":3}""", root.GetProperty("body").GetString());
        Assert.Equal("application/json", root.GetProperty("contentType").GetString());
        Assert.Equal("yes", root.GetProperty("headers").GetProperty("x-trace-me").GetString());
        Assert.Equal(result.RequestId, root.GetProperty("headers").GetProperty("x-request-id").GetString());
        Assert.StartsWith(ApiTestService.RequestIdPrefix, result.RequestId, StringComparison.Ordinal);
        Assert.Contains(result.Headers, h => h.Name == "X-Echo-Method" && h.Value == "POST");
        Assert.True(result.ElapsedMs > 0);
        var trace = Assert.IsType<ApiTestTrace>(result.Trace);
        Assert.Null(trace.Stage);
        Assert.Equal(200, trace.BackendStatus);
        Assert.NotNull(trace.BackendLatencyMs);
        Assert.Contains("forwarded", trace.Summary, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:" + _backend.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), trace.Target);
        Assert.Equal(0, trace.Retries);
    }

    [Fact]
    public async Task SendAsync_AuthenticatedApiWithoutCredential_401WithAuthenticationStage()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var api = await CreateApiAsync("private", "/private", ct, isPublic: false);

        // Act
        var result = await _service.SendAsync(new ApiTestRequest { ApiId = api.Id, Method = "GET", Path = "/orders" }, ct);

        // Assert
        Assert.Equal(401, result.Status);
        Assert.True(result.IsJson);
        var trace = Assert.IsType<ApiTestTrace>(result.Trace);
        Assert.Equal("Authentication", trace.Stage);
        Assert.Equal("credential_missing", trace.ErrorCode);
        Assert.Null(trace.BackendStatus);
        Assert.Contains("authentication", trace.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_LargeBody_TruncatedAt256KiB()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var api = await CreateApiAsync("big", "/big", ct);

        // Act
        var result = await _service.SendAsync(new ApiTestRequest { ApiId = api.Id, Method = "GET", Path = "/file", Query = [new("size", "300000")] }, ct);

        // Assert
        Assert.Equal(200, result.Status);
        Assert.True(result.BodyTruncated);
        Assert.Equal(ApiTestService.MaxBodyBytes, result.Body.Length);
    }

    [Fact]
    public async Task SendAsync_UnknownApi_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => _service.SendAsync(new ApiTestRequest { ApiId = 4242, Method = "GET" }, ct));

        // Assert
        Assert.Equal("API", error.Entity);
    }

    [Fact]
    public async Task SendAsync_OperationNotOfApi_OperationFieldError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var api = await CreateApiAsync("ops", "/ops", ct);
        await AddOperationAsync(api.Id, "GET", "/items/{id}", ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.SendAsync(new ApiTestRequest
        {
            ApiId = api.Id,
            Method = "DELETE",
            Path = "/items/{id}",
            PathParameters = new Dictionary<string, string?> { ["id"] = "7" },
        }, ct));

        // Assert
        Assert.Equal(["operation"], error.Errors.Keys);
    }

    [Fact]
    public async Task SendAsync_BadInputs_FieldErrorsForEach()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var api = await CreateApiAsync("users", "/users/{userId}", ct, methods: ["GET"]);
        var request = new ApiTestRequest
        {
            ApiId = api.Id,
            Method = "GET",
            Query = [new("", "x")],
            Headers = [new("Bad Name", "v"), new("Connection", "close"), new("X-Ok", "line\nbreak"), new("Content-Type", "text/plain")],
            ContentType = "not a type",
        };

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.SendAsync(request, ct));

        // Assert
        Assert.Equal(
            ["contentType", "headers[0].name", "headers[1].name", "headers[2].value", "headers[3].name", "pathParameters.userId", "query[0].name"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, "/x", "method")]
    [InlineData("GE T", "/x", "method")]
    [InlineData("POST", "/x", "method")]
    [InlineData("GET", "x", "path")]
    [InlineData("GET", "/a/../b", "path")]
    [InlineData("GET", "/a?b=1", "path")]
    public async Task SendAsync_BadMethodOrPath_FieldError(string? method, string path, string field)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var api = await CreateApiAsync("getonly", "/getonly", ct, methods: ["GET"]);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.SendAsync(new ApiTestRequest { ApiId = api.Id, Method = method, Path = path }, ct));

        // Assert
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task SendAsync_NoApiId_ApiIdFieldError()
    {
        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.SendAsync(new ApiTestRequest { Method = "GET" }, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["apiId"], error.Errors.Keys);
    }

    [Fact]
    public async Task OperationsAsync_StoredOrFree_ListsWhatCanBeCalled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var withOps = await CreateApiAsync("withops", "/withops", ct);
        await AddOperationAsync(withOps.Id, "GET", "/items/{id}", ct);
        var free = await CreateApiAsync("free", "/free/{tenant}", ct, methods: ["GET", "POST"]);

        // Act
        var stored = await _service.OperationsAsync(withOps.Id, ct);
        var freeOps = await _service.OperationsAsync(free.Id, ct);

        // Assert
        var op = Assert.Single(stored);
        Assert.Equal(("GET", "/items/{id}", false), (op.Method, op.Path, op.IsFreePath));
        Assert.Equal(["id"], op.Parameters);
        Assert.Equal(["GET", "POST"], freeOps.Select(o => o.Method));
        Assert.All(freeOps, o => Assert.Equal(["tenant"], o.Parameters));
    }

    private async Task<ApiDefinition> CreateApiAsync(string name, string path, CancellationToken ct, bool isPublic = true, List<string>? methods = null)
    {
        var api = await _host.CreateApiAsync(name, path, _backendId, ct, input => input with { IsPublic = isPublic, Methods = methods ?? [] });
        await _host.WaitForConfigAsync(ct);
        return api;
    }

    private async Task AddOperationAsync(int apiId, string method, string path, CancellationToken ct)
    {
        var factory = _host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ApiOperations.Add(new ApiOperation { ApiDefinitionId = apiId, Method = method, Path = path });
        await db.SaveChangesAsync(ct);
    }
}
