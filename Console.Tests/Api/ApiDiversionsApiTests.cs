using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class ApiDiversionsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task PutThenGet_Rules_RoundTripInOrder()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var api = await client.CreateApiAsync((await client.CreateBackendAsync()).GetProperty("id").GetInt32());
        var id = api.GetProperty("id").GetInt32();

        // Act
        using var put = await client.PutJsonAsync($"/apis/{id}/diversions", new
        {
            rules = new[] { new { source = "10.0.0.0/8", targetUrl = "http://10.0.0.5:8080/base" }, new { source = "2001:db8::1", targetUrl = "https://v6.example" } },
        });
        using var get = await client.GetApiAsync($"/apis/{id}/diversions");

        // Assert
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await get.ReadJsonAsync();
        Assert.Equal(id, body.GetProperty("apiId").GetInt32());
        var rules = body.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("source").GetString(), r.GetProperty("targetUrl").GetString())).ToList();
        Assert.Equal([("10.0.0.0/8", "http://10.0.0.5:8080/base"), ("2001:db8::1", "https://v6.example")], rules);
    }

    [Fact]
    public async Task Put_BadRules_400WithIndexedFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = (await client.CreateApiAsync((await client.CreateBackendAsync()).GetProperty("id").GetInt32())).GetProperty("id").GetInt32();

        // Act
        using var response = await client.PutJsonAsync($"/apis/{id}/diversions", new
        {
            rules = new[] { new { source = "10.0.0.1", targetUrl = "http://a:1" }, new { source = "10.0.0.1/32", targetUrl = "ftp://b" } },
        });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("rules[1].source"));
        Assert.NotEmpty(problem.FieldErrors("rules[1].targetUrl"));
    }

    [Fact]
    public async Task Put_NoRulesProperty_400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = (await client.CreateApiAsync((await client.CreateBackendAsync()).GetProperty("id").GetInt32())).GetProperty("id").GetInt32();

        // Act
        using var response = await client.PutJsonAsync($"/apis/{id}/diversions", new { });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("rules"));
    }

    [Fact]
    public async Task GetAndPut_UnknownApi_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var get = await client.GetApiAsync("/apis/987654/diversions");
        using var put = await client.PutJsonAsync("/apis/987654/diversions", new { rules = Array.Empty<object>() });

        // Assert
        await get.ReadProblemAsync(404);
        await put.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Put_Operator_403ButGetAllowed()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var id = (await admin.CreateApiAsync((await admin.CreateBackendAsync()).GetProperty("id").GetInt32())).GetProperty("id").GetInt32();
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var put = await client.PutJsonAsync($"/apis/{id}/diversions", new { rules = Array.Empty<object>() });
        using var get = await client.GetApiAsync($"/apis/{id}/diversions");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task Get_NoToken_401()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);

        // Act
        using var response = await client.GetApiAsync("/apis/1/diversions");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
