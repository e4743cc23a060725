using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class ApiTestApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Post_Operator_SendsAndAnswersResult()
    {
        // Arrange: the factory's gateway URL (port 0) cannot be reached, so the result carries the transport error.
        using var admin = factory.CreateClient(factory.AdminToken);
        var id = (await admin.CreateApiAsync((await admin.CreateBackendAsync()).GetProperty("id").GetInt32())).GetProperty("id").GetInt32();
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var response = await client.PostJsonAsync("/api-test", new { apiId = id, method = "GET", path = "/items", query = new[] { new { name = "q", value = "1" } } });

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(0, body.GetProperty("status").GetInt32());
        Assert.Contains("could not be reached", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/items?q=1", body.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("apitest-", body.GetProperty("requestId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BadInput_400WithFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = (await client.CreateApiAsync((await client.CreateBackendAsync()).GetProperty("id").GetInt32())).GetProperty("id").GetInt32();

        // Act
        using var response = await client.PostJsonAsync("/api-test", new
        {
            apiId = id,
            method = "GET",
            path = "no-slash",
            headers = new[] { new { name = "Transfer-Encoding", value = "chunked" } },
        });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("path"));
        Assert.NotEmpty(problem.FieldErrors("headers[0].name"));
    }

    [Fact]
    public async Task Post_UnknownApi_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/api-test", new { apiId = 987654, method = "GET" });

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Post_NoToken_401()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);

        // Act
        using var response = await client.PostJsonAsync("/api-test", new { apiId = 1, method = "GET" });

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
