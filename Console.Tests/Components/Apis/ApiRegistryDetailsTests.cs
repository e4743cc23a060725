using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis.OpenApi;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiRegistryDetailsTests : AdminTestContext
{
    [Fact]
    public async Task Render_ImportedApi_ShowsStoredSpecInCollapsiblePanel()
    {
        // Arrange
        var backend = await CreateBackendAsync("pets-be");
        const string spec = """{ "openapi": "3.0.3", "info": { "title": "Pets", "version": "v1" }, "paths": { "/pets": { "get": { "responses": { "200": { "description": "OK" } } } } } }""";
        var imported = await Services.GetRequiredService<OpenApiImportService>().ImportAsync(
            new OpenApiImportRequest { Content = spec, Path = "/pets", BackendId = backend.Id }, SeedActor, Ct);

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, imported.Api.Id));

        // Assert
        cut.WaitForElement("[data-testid=api-openapi-toggle]");
        Assert.Contains("Show document", cut.Find("[data-testid=api-openapi-toggle]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=api-openapi-none]"));
        Assert.Equal("/apis/import?name=Pets&version=v1", cut.Find("[data-testid=api-openapi-import]").GetAttribute("href"));
        await cut.Find("[data-testid=api-openapi] .mud-expand-panel-header").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(spec, cut.Find("[data-testid=api-openapi-spec]").TextContent));
    }

    [Fact]
    public async Task Render_ApiWithoutSpec_SaysNoneImported()
    {
        // Arrange
        var backend = await CreateBackendAsync("pets-be");
        var api = await CreateApiAsync("pets", backend.Id, "/pets");

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No OpenAPI document imported.", cut.Find("[data-testid=api-openapi-none]").TextContent));
    }
}
