using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class ApiOperationsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    private const string Spec = """
        openapi: 3.0.3
        info:
          title: Pets
          version: "1"
        paths:
          /pets/{petId}:
            get:
              operationId: getPet
              summary: One pet
              responses:
                '200':
                  description: OK
            delete:
              responses:
                '204':
                  description: Deleted
        """;

    [Fact]
    public async Task ListOperations_ImportedApi_ReturnsItsOperations()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var name = ApiHttp.UniqueName("pets");
        using var import = await client.PostJsonAsync("/apis/openapi/import", new { content = Spec, name, path = "/" + name, backendId });
        var id = (await import.ReadJsonAsync()).GetProperty("api").GetProperty("id").GetInt32();

        // Act
        using var response = await client.GetApiAsync($"/apis/{id}/operations");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var operations = (await response.ReadJsonAsync()).EnumerateArray()
            .Select(o => $"{o.GetProperty("method").GetString()} {o.GetProperty("path").GetString()} {o.GetProperty("operationId").GetString()} {o.GetProperty("summary").GetString()}")
            .ToArray();
        Assert.Equal(["GET /pets/{petId} getPet One pet", "DELETE /pets/{petId}  "], operations);
    }

    [Fact]
    public async Task ListOperations_UnknownApi_Answers404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/apis/999999/operations");

        // Assert
        await response.ReadProblemAsync(404);
    }
}
