using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class BackendsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Crud_RoundTrip_CreatesReadsUpdatesDeletes()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("crud");

        // Act
        using var created = await client.PostJsonAsync("/backends", new { name, protocol = "https", host = "api.example.test", port = 8443, basePath = "/base/", retries = 2 });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var read = await client.GetApiAsync($"/backends/{id}");
        var readBody = await read.ReadJsonAsync();
        using var updated = await client.PutJsonAsync($"/backends/{id}", new
        {
            name,
            protocol = "http",
            host = "other.example.test",
            port = 8080,
            readTimeoutMs = 1500,
            concurrencyStamp = readBody.GetProperty("concurrencyStamp").GetString(),
        });
        var updatedBody = await updated.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/backends/{id}");
        using var gone = await client.GetApiAsync($"/backends/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/backends/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("https", body.GetProperty("protocol").GetString());
        Assert.Equal("/base", body.GetProperty("basePath").GetString());
        Assert.Equal(2, body.GetProperty("retries").GetInt32());
        Assert.Equal(60000, body.GetProperty("connectTimeoutMs").GetInt32());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("api.example.test", readBody.GetProperty("host").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("other.example.test", updatedBody.GetProperty("host").GetString());
        Assert.Equal("http", updatedBody.GetProperty("protocol").GetString());
        Assert.Equal(1500, updatedBody.GetProperty("readTimeoutMs").GetInt32());
        Assert.NotEqual(readBody.GetProperty("concurrencyStamp").GetString(), updatedBody.GetProperty("concurrencyStamp").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task List_PagingAndQuery_ReturnsRequestedPage()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var stem = ApiHttp.UniqueName("page");
        for (var i = 1; i <= 5; i++)
        {
            await client.CreateBackendAsync($"{stem}-{i}");
        }

        await client.CreateBackendAsync(ApiHttp.UniqueName("unrelated"));

        // Act
        using var first = await client.GetApiAsync($"/backends?q={stem}&page=1&pageSize=2");
        using var last = await client.GetApiAsync($"/backends?q={stem}&page=3&pageSize=2");
        var firstBody = await first.ReadJsonAsync();
        var lastBody = await last.ReadJsonAsync();

        // Assert
        Assert.Equal(5, firstBody.GetProperty("total").GetInt32());
        Assert.Equal(1, firstBody.GetProperty("page").GetInt32());
        Assert.Equal(2, firstBody.GetProperty("pageSize").GetInt32());
        Assert.Equal([$"{stem}-1", $"{stem}-2"], firstBody.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Equal([$"{stem}-5"], lastBody.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=x1", "pageSize")]
    public async Task List_NonNumericQueryValue_Returns400WithDetail(string query, string parameter)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync($"/backends?{query}");

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task List_OutOfRangePaging_Returns400FieldError(string query, string field)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync($"/backends?{query}");

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/backends/999999");

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public async Task Post_BadPort_Returns400WithPortError(int port)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/backends", new { name = ApiHttp.UniqueName("port"), host = "127.0.0.1", port });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("port"));
    }

    [Fact]
    public async Task Post_SeveralBadFields_ReportsEveryField()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/backends", new { name = "bad name!", host = "", port = 70000, basePath = "no-slash", retries = -1, connectTimeoutMs = 0 });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        foreach (var field in new[] { "name", "host", "port", "basePath", "retries", "connectTimeoutMs" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
    }

    [Fact]
    public async Task Post_DuplicateName_Returns400WithNameError()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("dup");
        await client.CreateBackendAsync(name);

        // Act
        using var response = await client.PostJsonAsync("/backends", new { name, host = "127.0.0.1", port = 81 });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(problem.FieldErrors("name"), m => m.Contains("already exists", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"name\": \"x\",")]
    [InlineData("not json")]
    [InlineData("{\"name\": \"x\", \"port\": \"80\"}")]
    [InlineData("{\"name\": \"x\", \"port\": 1.5}")]
    [InlineData("{\"name\": \"x\", \"protocol\": \"ftp\"}")]
    [InlineData("{\"name\": \"x\", \"protocol\": 1}")]
    [InlineData("{\"name\": \"x\", \"concurrencyStamp\": \"not-a-guid\"}")]
    public async Task Post_MalformedOrMistypedJson_Returns400Problem(string json)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostAsync(ApiHttp.Prefix + "/backends", ApiHttp.Json(json), TestContext.Current.CancellationToken);

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EmptyBody_Returns400Problem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostAsync(ApiHttp.Prefix + "/backends", ApiHttp.Json(""), TestContext.Current.CancellationToken);

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_JsonNull_Returns400BodyRequired()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostAsync(ApiHttp.Prefix + "/backends", ApiHttp.Json("null"), TestContext.Current.CancellationToken);

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("A JSON request body is required.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_PlainTextBody_Returns415Problem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        using var content = new StringContent("name=x");

        // Act
        using var response = await client.PostAsync(ApiHttp.Prefix + "/backends", content, TestContext.Current.CancellationToken);

        // Assert
        await response.ReadProblemAsync(415);
    }

    [Fact]
    public async Task Post_ProtocolInAnyCase_IsAccepted()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/backends", new { name = ApiHttp.UniqueName("case"), host = "127.0.0.1", port = 443, protocol = "HTTPS" });

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("https", (await response.ReadJsonAsync()).GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task Put_StaleConcurrencyStamp_Returns409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backend = await client.CreateBackendAsync();
        var id = backend.GetProperty("id").GetInt32();
        var stamp = backend.GetProperty("concurrencyStamp").GetString();
        var name = backend.GetProperty("name").GetString();
        using var first = await client.PutJsonAsync($"/backends/{id}", new { name, host = "first.test", port = 81, concurrencyStamp = stamp });

        // Act
        using var second = await client.PutJsonAsync($"/backends/{id}", new { name, host = "second.test", port = 82, concurrencyStamp = stamp });

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.ReadProblemAsync(409);
        using var current = await client.GetApiAsync($"/backends/{id}");
        Assert.Equal("first.test", (await current.ReadJsonAsync()).GetProperty("host").GetString());
    }

    [Fact]
    public async Task Put_UnknownId_Returns404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PutJsonAsync("/backends/999999", new { name = ApiHttp.UniqueName("none"), host = "127.0.0.1", port = 80 });

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Delete_BackendInUse_Returns409AndKeepsIt()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backend = await client.CreateBackendAsync();
        var id = backend.GetProperty("id").GetInt32();
        var api = await client.CreateApiAsync(id);

        // Act
        using var response = await client.DeleteApiAsync($"/backends/{id}");

        // Assert
        var problem = await response.ReadProblemAsync(409);
        Assert.Contains(api.GetProperty("name").GetString()!, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var still = await client.GetApiAsync($"/backends/{id}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Delete_UnknownId_Returns404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.DeleteApiAsync("/backends/999999");

        // Assert
        await response.ReadProblemAsync(404);
    }
}
