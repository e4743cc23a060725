using System.Net;
using System.Text.Json;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class ApisApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Crud_RoundTrip_CreatesReadsUpdatesDeletes()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backend = await client.CreateBackendAsync();
        var backendId = backend.GetProperty("id").GetInt32();
        var other = await client.CreateBackendAsync();
        var name = ApiHttp.UniqueName("orders");

        // Act
        using var created = await client.PostJsonAsync("/apis", new
        {
            name,
            version = "v2",
            displayName = "Orders",
            tags = new[] { "shop", "orders" },
            path = $"/{name}/{{id}}/items",
            methods = new[] { "get", "POST" },
            backendId,
            status = "Deprecated",
            isPublic = true,
            description = "Order items",
        });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var read = await client.GetApiAsync($"/apis/{id}");
        var readBody = await read.ReadJsonAsync();
        using var updated = await client.PutJsonAsync($"/apis/{id}", new
        {
            name,
            version = "v2",
            displayName = "Orders renamed",
            path = $"/{name}",
            backendId = other.GetProperty("id").GetInt32(),
            status = "inactive",
            concurrencyStamp = readBody.GetProperty("concurrencyStamp").GetString(),
        });
        var updatedBody = await updated.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/apis/{id}");
        using var gone = await client.GetApiAsync($"/apis/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/apis/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("deprecated", body.GetProperty("status").GetString());
        Assert.Equal(backendId, body.GetProperty("backendId").GetInt32());
        Assert.Equal(backend.GetProperty("name").GetString(), body.GetProperty("backendName").GetString());
        Assert.Equal(["GET", "POST"], body.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["shop", "orders"], body.GetProperty("tags").EnumerateArray().Select(m => m.GetString()));
        Assert.True(body.GetProperty("isPublic").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(backend.GetProperty("name").GetString(), readBody.GetProperty("backendName").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Orders renamed", updatedBody.GetProperty("displayName").GetString());
        Assert.Equal("inactive", updatedBody.GetProperty("status").GetString());
        Assert.Equal(other.GetProperty("name").GetString(), updatedBody.GetProperty("backendName").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task List_StatusFilterAndQuery_ReturnsMatchingApis()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var stem = ApiHttp.UniqueName("filter");
        await client.CreateApiAsync(backendId, $"{stem}-a", status: "active");
        await client.CreateApiAsync(backendId, $"{stem}-b", status: "inactive");
        await client.CreateApiAsync(backendId, $"{stem}-c", status: "inactive");

        // Act
        using var inactive = await client.GetApiAsync($"/apis?q={stem}&status=Inactive");
        using var paged = await client.GetApiAsync($"/apis?q={stem}&pageSize=1&page=2");
        var inactiveBody = await inactive.ReadJsonAsync();
        var pagedBody = await paged.ReadJsonAsync();

        // Assert
        Assert.Equal(2, inactiveBody.GetProperty("total").GetInt32());
        Assert.All(inactiveBody.GetProperty("items").EnumerateArray(), a => Assert.Equal("inactive", a.GetProperty("status").GetString()));
        Assert.Equal(3, pagedBody.GetProperty("total").GetInt32());
        Assert.Equal($"{stem}-b", pagedBody.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("retired")]
    [InlineData("1")]
    public async Task List_UnknownStatus_Returns400(string status)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync($"/apis?status={status}");

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("status"));
    }

    [Theory]
    [InlineData("no-leading-slash")]
    [InlineData("/a/{unclosed")]
    [InlineData("/a//b")]
    [InlineData("/a/{1bad}")]
    public async Task Post_BadPathTemplate_Returns400WithPathError(string path)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();

        // Act
        using var response = await client.PostJsonAsync("/apis", new { name = ApiHttp.UniqueName("path"), displayName = "x", path, backendId });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("path"));
    }

    [Fact]
    public async Task Post_UnknownBackend_Returns400WithBackendIdError()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/apis", new { name = ApiHttp.UniqueName("nobe"), displayName = "x", path = "/nobe-" + Guid.NewGuid().ToString("N"), backendId = 999999 });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(problem.FieldErrors("backendId"), m => m.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_MissingFieldsAndBadMethod_ReportsEveryField()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/apis", new { methods = new[] { "FETCH" } });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        foreach (var field in new[] { "name", "displayName", "path", "methods", "backendId" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
    }

    [Fact]
    public async Task Post_DuplicateNameAndVersion_Returns400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var api = await client.CreateApiAsync(backendId);

        // Act
        using var response = await client.PostJsonAsync("/apis", new
        {
            name = api.GetProperty("name").GetString(),
            version = "v1",
            displayName = "again",
            path = "/" + ApiHttp.UniqueName("other"),
            backendId,
        });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("version"));
    }

    [Fact]
    public async Task Post_ConflictingPath_Returns400WithPathError()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var api = await client.CreateApiAsync(backendId);

        // Act
        using var response = await client.PostJsonAsync("/apis", new { name = ApiHttp.UniqueName("clash"), displayName = "x", path = api.GetProperty("path").GetString(), backendId });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(problem.FieldErrors("path"), m => m.Contains("conflicts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_StatusAsNumber_Returns400Problem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostAsync(ApiHttp.Prefix + "/apis", ApiHttp.Json("{\"name\":\"n\",\"status\":2}"), TestContext.Current.CancellationToken);

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("$.status", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_StaleConcurrencyStamp_Returns409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var api = await client.CreateApiAsync(backendId);
        var id = api.GetProperty("id").GetInt32();
        var input = JsonSerializer.Deserialize<Dictionary<string, object?>>(api.GetRawText())!;
        input["displayName"] = "first";
        using var first = await client.PutJsonAsync($"/apis/{id}", input);
        input["displayName"] = "second";

        // Act
        using var second = await client.PutJsonAsync($"/apis/{id}", input);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.ReadProblemAsync(409);
    }

    [Fact]
    public async Task Delete_UnknownId_Returns404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.DeleteApiAsync("/apis/999999");

        // Assert
        await response.ReadProblemAsync(404);
    }
}
