using System.Net;
using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Apis;

public sealed class ApiOperationsGatewayTests
{
    private const string PetsSpec = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Pets", "version": "1" },
          "paths": {
            "/pets": { "get": { "responses": { "200": { "description": "OK" } } } },
            "/pets/{petId}": {
              "get": { "responses": { "200": { "description": "OK" } } },
              "delete": { "responses": { "204": { "description": "Deleted" } } }
            }
          }
        }
        """;

    [Fact]
    public async Task Gateway_ApiWithOperations_ForwardsOnlyItsOperations()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("pets", cancellationToken);
        await using var host = await GatewayHost.StartAsync(cancellationToken);
        var created = await host.CreateBackendAsync("pets", backend.Port, cancellationToken);
        var import = host.Services.GetRequiredService<OpenApiImportService>();
        var imported = await import.ImportAsync(new OpenApiImportRequest { Content = PetsSpec, Name = "pets", Path = "/pets/v1", BackendId = created.Id }, GatewayHost.TestActor, cancellationToken);
        await host.Apis.UpdateAsync(imported.Api.Id, Gateway.Apis.ApiInput.From(imported.Api) with { IsPublic = true }, GatewayHost.TestActor, cancellationToken);
        await host.WaitForConfigAsync(cancellationToken);

        // Act
        using var ok = await host.Gateway.GetAsync("/pets/v1/pets/7", cancellationToken);
        using var unknown = await host.Gateway.GetAsync("/pets/v1/owners/7", cancellationToken);
        using var wrongMethod = await host.Gateway.PutAsync("/pets/v1/pets/7", new StringContent("{}"), cancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("/pets/7", (await EchoResponse.ReadAsync(ok, cancellationToken)).Path);
        var notFound = await ProblemBody.AssertAsync(unknown, 404, "operation_not_found", cancellationToken);
        Assert.Equal("No operation of API 'pets' matches /pets/v1/owners/7.", notFound.Detail);
        await ProblemBody.AssertAsync(wrongMethod, 405, "method_not_allowed", cancellationToken);
        Assert.Equal("GET, DELETE", string.Join(", ", wrongMethod.Content.Headers.Allow));
    }

    [Fact]
    public async Task Gateway_ApiWithoutOperations_ForwardsEveryPath()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("plain", cancellationToken);
        await using var host = await GatewayHost.StartAsync(cancellationToken);
        var created = await host.CreateBackendAsync("plain", backend.Port, cancellationToken);
        await host.CreateApiAsync("plain", "/plain", created.Id, cancellationToken);
        await host.WaitForConfigAsync(cancellationToken);

        // Act
        using var response = await host.Gateway.PutAsync("/plain/anything/at/all", new StringContent("{}"), cancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/anything/at/all", (await EchoResponse.ReadAsync(response, cancellationToken)).Path);
        Assert.Null(host.Provider.Current!.Routes.Values.Single().Operations);
    }
}
