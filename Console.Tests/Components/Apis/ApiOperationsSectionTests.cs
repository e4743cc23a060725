using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis.OpenApi;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiOperationsSectionTests : AdminTestContext
{
    [Fact]
    public async Task Render_ImportedApi_ListsMethodPathAndSummary()
    {
        // Arrange
        var backend = await CreateBackendAsync("pets-be");
        const string spec = """{"openapi":"3.0.3","info":{"title":"Pets","version":"1"},"paths":{"/pets/{id}":{"get":{"summary":"One pet","responses":{"200":{"description":"OK"}}}}}}""";
        var imported = await Services.GetRequiredService<OpenApiImportService>().ImportAsync(new OpenApiImportRequest { Content = spec, Path = "/pets", BackendId = backend.Id }, SeedActor, Ct);

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, imported.Api.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(
            "GET|/pets/{id}|One pet",
            string.Join("|", Assert.Single(cut.FindAll("[data-testid=api-operation]")).QuerySelectorAll("td").Select(td => td.TextContent.Trim()))));
    }

    [Fact]
    public async Task Render_ApiWithoutOperations_SaysEveryPathIsAllowed()
    {
        // Arrange
        var backend = await CreateBackendAsync("plain-be");
        var api = await CreateApiAsync("plain", backend.Id, "/plain");

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));

        // Assert
        cut.WaitForElement("[data-testid=api-operations-none]");
    }
}
