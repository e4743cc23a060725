using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiRegistryImportTests : AdminTestContext
{
    private const string Spec = """
        openapi: 3.1.0
        info:
          title: Catalog
          version: v2
          description: Catalog of products.
        paths:
          /products:
            get:
              summary: List products
              responses:
                '200':
                  description: OK
          /products/{id}:
            delete:
              responses:
                '204':
                  description: Deleted
        """;

    [Fact]
    public async Task PasteThenPreviewThenConfirm_CreatesApiWithStoredSpec()
    {
        // Arrange
        var backend = await CreateBackendAsync("catalog-be");
        var cut = Render<ApiImport>();
        cut.WaitForElement("[data-testid=openapi-content]");

        // Act
        cut.Find("[data-testid=openapi-content]").Change(Spec);
        cut.Find("[data-testid=import-path]").Change("/catalog/v2");
        var select = cut.FindComponent<MudSelect<int?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(backend.Id));
        await cut.Find("[data-testid=openapi-preview]").ClickAsync(new());

        // Assert: preview
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=openapi-operation]").Count));
        Assert.Contains("Creates a new API Catalog v2", cut.Find("[data-testid=import-target]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["GET/productsList products", "DELETE/products/{id}"], cut.FindAll("[data-testid=openapi-operation]").Select(r => r.TextContent));

        // Act: confirm
        await cut.Find("[data-testid=import-confirm]").ClickAsync(new());

        // Assert
        var apis = await Services.GetRequiredService<ApiService>().ListAsync(new PageRequest(), Ct);
        var api = Assert.Single(apis.Items);
        Assert.Equal(("Catalog", "v2", "/catalog/v2", "Catalog of products."), (api.Name, api.Version, api.Path, api.Description));
        Assert.Equal(["GET", "DELETE"], api.Methods);
        Assert.Equal(Spec, (await Services.GetRequiredService<ApiService>().FindOpenApiDocumentAsync(api.Id, Ct))!.Content);
        Assert.EndsWith($"/apis/{api.Id}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadFile_ExistingApi_PreviewSaysUpdate()
    {
        // Arrange
        var backend = await CreateBackendAsync("catalog-be");
        await Services.GetRequiredService<ApiService>().CreateAsync(
            new ApiInput { Name = "Catalog", Version = "v2", DisplayName = "Catalog", Path = "/cat", BackendId = backend.Id }, SeedActor, Ct);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/apis/import?name=Catalog&version=v2");
        var cut = Render<ApiImport>();
        cut.WaitForElement("[data-testid=openapi-content]");
        Assert.Equal("Catalog", cut.Find("[data-testid=import-name]").GetAttribute("value"));
        await cut.InvokeAsync(() => cut.FindComponent<MudTabs>().Instance.ActivatePanelAsync(1));

        // Act
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Spec, "catalog.yaml"));
        cut.WaitForAssertion(() => Assert.Contains("catalog.yaml", cut.Find("[data-testid=openapi-file-name]").TextContent, StringComparison.Ordinal));
        await cut.Find("[data-testid=openapi-preview]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Updates API", cut.Find("[data-testid=import-target]").TextContent, StringComparison.Ordinal));
        Assert.Contains("/cat", cut.Find("[data-testid=import-target]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Update API", cut.Find("[data-testid=import-confirm]").TextContent.Trim());
    }

    [Fact]
    public async Task Preview_InvalidSpec_ShowsLocatedFieldError()
    {
        // Arrange
        var cut = Render<ApiImport>();
        cut.WaitForElement("[data-testid=openapi-content]");

        // Act
        cut.Find("[data-testid=openapi-content]").Change("openapi: 3.0.3\ninfo:\n  title: [broken\n");
        await cut.Find("[data-testid=openapi-preview]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Matches("Line [0-9]+, column [0-9]+: ", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=openapi-preview-panel]"));
        Assert.True(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Confirm_NewApiWithoutPathAndBackend_ShowsFieldErrors()
    {
        // Arrange
        var cut = Render<ApiImport>();
        cut.WaitForElement("[data-testid=openapi-content]");
        cut.Find("[data-testid=openapi-content]").Change(Spec);
        await cut.Find("[data-testid=openapi-preview]").ClickAsync(new());
        cut.WaitForElement("[data-testid=openapi-preview-panel]");

        // Act
        await cut.Find("[data-testid=import-confirm]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Backend is required.", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(0, (await Services.GetRequiredService<ApiService>().ListAsync(new PageRequest(), Ct)).Total);
    }

    [Fact]
    public async Task Preview_BadUrl_ShowsUrlError()
    {
        // Arrange
        var cut = Render<ApiImport>();
        cut.WaitForElement("[data-testid=openapi-content]");
        await cut.InvokeAsync(() => cut.FindComponent<MudTabs>().Instance.ActivatePanelAsync(2));

        // Act
        cut.Find("[data-testid=openapi-url]").Change("ftp://example.org/spec");
        await cut.Find("[data-testid=openapi-preview]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Enter an absolute http or https URL.", cut.Markup, StringComparison.Ordinal));
    }
}
