using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class ApiRegistryApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    private const string Spec = """
        openapi: 3.0.3
        info:
          title: Registry Test
          version: "1.0"
          description: From the admin API.
        paths:
          /items:
            get:
              responses:
                '200':
                  description: OK
            post:
              responses:
                '201':
                  description: Created
        """;

    [Fact]
    public async Task BatchStatus_KnownIds_ChangesThem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var a = (await client.CreateApiAsync(backendId)).GetProperty("id").GetInt32();
        var b = (await client.CreateApiAsync(backendId)).GetProperty("id").GetInt32();

        // Act
        using var response = await client.PostJsonAsync("/apis/batch-status", new { ids = new[] { a, b }, status = "inactive" });
        using var read = await client.GetApiAsync($"/apis/{b}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("changed").GetInt32());
        Assert.Equal("inactive", (await read.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BatchStatus_UnknownId_Answers404AndChangesNothing()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var a = (await client.CreateApiAsync(backendId)).GetProperty("id").GetInt32();

        // Act
        using var response = await client.PostJsonAsync("/apis/batch-status", new { ids = new[] { a, 987654 }, status = "inactive" });
        using var read = await client.GetApiAsync($"/apis/{a}");

        // Assert
        await response.ReadProblemAsync(404);
        Assert.Equal("active", (await read.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BatchStatus_BadBody_Answers400WithFields()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var missing = await client.PostJsonAsync("/apis/batch-status", new { });
        using var empty = await client.PostJsonAsync("/apis/batch-status", new { ids = Array.Empty<int>(), status = "active" });
        using var badStatus = await client.PostAsync(ApiHttp.Prefix + "/apis/batch-status", ApiHttp.Json("""{ "ids": [1], "status": "paused" }"""), TestContext.Current.CancellationToken);

        // Assert
        var missingProblem = await missing.ReadProblemAsync(400);
        Assert.NotEmpty(missingProblem.FieldErrors("ids"));
        Assert.NotEmpty(missingProblem.FieldErrors("status"));
        Assert.NotEmpty((await empty.ReadProblemAsync(400)).FieldErrors("ids"));
        await badStatus.ReadProblemAsync(400);
    }

    [Fact]
    public async Task RegistryEndpoints_Operator_AreForbidden()
    {
        // Arrange
        using var client = factory.CreateClient(factory.OperatorToken);
        using var anonymous = factory.CreateClient(null);

        // Act
        using var batch = await client.PostJsonAsync("/apis/batch-status", new { ids = new[] { 1 }, status = "inactive" });
        using var preview = await client.PostJsonAsync("/apis/openapi/preview", new { content = Spec });
        using var import = await anonymous.PostJsonAsync("/apis/openapi/import", new { content = Spec });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, batch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, preview.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode);
    }

    [Fact]
    public async Task List_TagAndBackendFilters_ReturnMatchingApis()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var otherBackend = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var mine = await client.CreateApiAsync(backendId);
        await client.CreateApiAsync(otherBackend);

        // Act
        using var response = await client.GetApiAsync($"/apis?backendId={backendId}&tag=T1&pageSize=200");
        using var tooLong = await client.GetApiAsync($"/apis?tag={new string('x', 51)}");

        // Assert
        var items = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToArray();
        Assert.Equal([mine.GetProperty("name").GetString()], items);
        Assert.NotEmpty((await tooLong.ReadProblemAsync(400)).FieldErrors("tag"));
    }

    [Fact]
    public async Task Preview_PastedYaml_ListsOperations()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/apis/openapi/preview", new { content = Spec, name = ApiHttp.UniqueName("reg") });

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["GET /items", "POST /items"], body.GetProperty("spec").GetProperty("operations").EnumerateArray()
            .Select(o => $"{o.GetProperty("method").GetString()} {o.GetProperty("path").GetString()}"));
        Assert.Equal(JsonValueKindNull, body.GetProperty("existingApiId").ValueKind);
    }

    [Fact]
    public async Task Import_MultipartFileThenJson_CreatesThenUpdates()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var name = ApiHttp.UniqueName("reg");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "name" },
            { new StringContent($"/{name}/v1"), "path" },
            { new StringContent(backendId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "backendId" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Spec));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        form.Add(file, "file", "spec.yaml");

        // Act
        using var created = await client.PostAsync(ApiHttp.Prefix + "/apis/openapi/import", form, TestContext.Current.CancellationToken);
        var createdBody = await created.ReadJsonAsync();
        using var updated = await client.PostJsonAsync("/apis/openapi/import", new { name, content = Spec.Replace("post:", "put:", StringComparison.Ordinal) });
        var updatedBody = await updated.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(createdBody.GetProperty("created").GetBoolean());
        Assert.Equal(["GET", "POST"], createdBody.GetProperty("api").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.False(updatedBody.GetProperty("created").GetBoolean());
        Assert.Equal(createdBody.GetProperty("api").GetProperty("id").GetInt32(), updatedBody.GetProperty("api").GetProperty("id").GetInt32());
        Assert.Equal(["GET", "PUT"], updatedBody.GetProperty("api").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Import_InvalidSpec_Answers400WithLocatedErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/apis/openapi/import", new { content = "openapi: 3.0.3\ninfo:\n  title: [x\n" });
        using var noSource = await client.PostJsonAsync("/apis/openapi/preview", new { });
        using var badJson = await client.PostAsync(ApiHttp.Prefix + "/apis/openapi/preview", ApiHttp.Json("{ \"content\": 3 }"), TestContext.Current.CancellationToken);
        using var badBackend = await client.PostAsync(ApiHttp.Prefix + "/apis/openapi/preview", new MultipartFormDataContent { { new StringContent("x"), "backendId" } }, TestContext.Current.CancellationToken);

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Matches("^Line [0-9]+, column [0-9]+: ", Assert.Single(problem.FieldErrors("content")));
        Assert.NotEmpty((await noSource.ReadProblemAsync(400)).FieldErrors("content"));
        Assert.NotEmpty((await badJson.ReadProblemAsync(400)).FieldErrors("body"));
        Assert.NotEmpty((await badBackend.ReadProblemAsync(400)).FieldErrors("backendId"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
