using System.Net;
using System.Text.Json;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api.Plugins;

/// <summary>The admin API <c>/plugins</c>: CRUD, types, field errors, 404/409, and who may write.</summary>
public sealed class PluginsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Crud_RoundTrip_CreatesReadsListsUpdatesDeletes()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var apiId = await CreateApiAsync(client);

        // Act
        using var created = await client.PostJsonAsync("/plugins", new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { deny = new[] { "10.0.0.0/8" } } });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var read = await client.GetApiAsync($"/plugins/{id}");
        using var listed = await client.GetApiAsync($"/plugins?scope=api&targetId={apiId}&type=ip-restriction");
        var listBody = await listed.ReadJsonAsync();
        using var updated = await client.PutJsonAsync($"/plugins/{id}", new
        {
            type = "ip-restriction",
            scope = "api",
            targetId = apiId,
            enabled = false,
            configuration = new { allow = new[] { "2001:db8::/32" }, status = 451 },
            concurrencyStamp = body.GetProperty("concurrencyStamp").GetString(),
        });
        var updatedBody = await updated.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/plugins/{id}");
        using var gone = await client.GetApiAsync($"/plugins/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/plugins/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("ip-restriction", body.GetProperty("type").GetString());
        Assert.Equal("api", body.GetProperty("scope").GetString());
        Assert.Equal(apiId, body.GetProperty("targetId").GetInt32());
        Assert.True(body.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("configuration").ValueKind);
        Assert.Equal(403, body.GetProperty("configuration").GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(id, Assert.Single(listBody.EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.False(updatedBody.GetProperty("enabled").GetBoolean());
        Assert.Equal(451, updatedBody.GetProperty("configuration").GetProperty("status").GetInt32());
        Assert.Equal(0, updatedBody.GetProperty("configuration").GetProperty("deny").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Types_Installed_ListsIpRestrictionWithScopesAndDefaults()
    {
        // Arrange
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var response = await client.GetApiAsync("/plugins/types");
        var body = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ip = body.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "ip-restriction");
        Assert.Equal(["global", "backend", "api", "client"], ip.GetProperty("allowedScopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(403, ip.GetProperty("defaultConfiguration").GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, ip.GetProperty("secretField").ValueKind);
    }

    [Fact]
    public async Task Create_BadConfiguration_400WithConfigFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var apiId = await CreateApiAsync(client);

        // Act
        using var response = await client.PostJsonAsync("/plugins", new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { allow = new[] { "300.1.1.1" }, status = 200 } });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Equal(["'300.1.1.1' is not an IP address or CIDR range."], problem.FieldErrors("config.allow[0]"));
        Assert.Equal(["Status must be a whole number between 400 and 599."], problem.FieldErrors("config.status"));
    }

    [Fact]
    public async Task Create_ConfigurationAsString_400ConfigError()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var apiId = await CreateApiAsync(client);

        // Act
        using var response = await client.PostJsonAsync("/plugins", new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = "{\"deny\":[\"10.0.0.1\"]}" });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.StartsWith("The configuration must be a JSON object", Assert.Single(problem.FieldErrors("config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownTypeAndMissingScope_400FieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/plugins", new { type = "ip-allowlist", configuration = new { } });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Equal(["'ip-allowlist' is not a plugin type."], problem.FieldErrors("type"));
        Assert.Equal(["Scope is required."], problem.FieldErrors("scope"));
    }

    [Fact]
    public async Task Create_TargetMissing_400TargetError()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/plugins", new { type = "ip-restriction", scope = "backend", targetId = 987654, configuration = new { deny = new[] { "10.0.0.1" } } });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Equal(["Backend 987654 does not exist."], problem.FieldErrors("targetId"));
    }

    [Fact]
    public async Task Create_SecondOnSameTarget_400TypeError()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var apiId = await CreateApiAsync(client);
        var request = new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { deny = new[] { "10.0.0.1" } } };
        using var first = await client.PostJsonAsync("/plugins", request);

        // Act
        using var second = await client.PostJsonAsync("/plugins", request);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var problem = await second.ReadProblemAsync(400);
        Assert.Single(problem.FieldErrors("type"));
    }

    [Fact]
    public async Task Update_StaleStamp_409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var apiId = await CreateApiAsync(client);
        using var created = await client.PostJsonAsync("/plugins", new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { deny = new[] { "10.0.0.1" } } });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        var stamp = body.GetProperty("concurrencyStamp").GetString();
        using var first = await client.PutJsonAsync($"/plugins/{id}", new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { deny = new[] { "10.0.0.2" } }, concurrencyStamp = stamp });

        // Act
        using var second = await client.PutJsonAsync($"/plugins/{id}", new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { deny = new[] { "10.0.0.3" } }, concurrencyStamp = stamp });

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.ReadProblemAsync(409);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task UnknownId_AnyMethod_404Problem(string method)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var request = new { type = "ip-restriction", scope = "global", configuration = new { deny = new[] { "10.0.0.1" } } };

        // Act
        using var response = method switch
        {
            "GET" => await client.GetApiAsync("/plugins/987654"),
            "PUT" => await client.PutJsonAsync("/plugins/987654", request),
            _ => await client.DeleteApiAsync("/plugins/987654"),
        };

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task List_BadFilters_400FieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/plugins?scope=planet&type=nope");

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Single(problem.FieldErrors("scope"));
        Assert.Single(problem.FieldErrors("type"));
    }

    [Fact]
    public async Task Writes_OperatorToken_403ButReadsAllowed()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        using var operatorClient = factory.CreateClient(factory.OperatorToken);
        var apiId = await CreateApiAsync(admin);
        using var created = await admin.PostJsonAsync("/plugins", new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { deny = new[] { "10.0.0.1" } } });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        var request = new { type = "ip-restriction", scope = "api", targetId = apiId, configuration = new { deny = new[] { "10.0.0.9" } } };

        // Act
        using var list = await operatorClient.GetApiAsync($"/plugins?scope=api&targetId={apiId}");
        using var read = await operatorClient.GetApiAsync($"/plugins/{id}");
        using var post = await operatorClient.PostJsonAsync("/plugins", request);
        using var put = await operatorClient.PutJsonAsync($"/plugins/{id}", request);
        using var delete = await operatorClient.DeleteApiAsync($"/plugins/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        using var still = await admin.GetApiAsync($"/plugins/{id}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task List_NoToken_401()
    {
        // Arrange
        using var client = factory.CreateClient(null);

        // Act
        using var response = await client.GetApiAsync("/plugins");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<int> CreateApiAsync(HttpClient client)
    {
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        return (await client.CreateApiAsync(backendId)).GetProperty("id").GetInt32();
    }
}
