using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiWizardTests : AdminTestContext
{
    private const string Spec = """
        openapi: 3.0.3
        info:
          title: Shop
          version: "1"
        paths:
          /orders:
            get:
              summary: List orders
              responses:
                '200':
                  description: OK
        """;

    [Fact]
    public async Task Next_EmptyBackend_StaysOnBackendStepWithFieldErrors()
    {
        // Arrange
        var cut = Render<ApiWizard>();
        cut.WaitForElement("[data-testid=wizard-backend-name]");

        // Act
        await cut.Find("[data-testid=wizard-next]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Name is required.", FieldErrorOf(cut, "wizard-backend-name")));
        Assert.NotEmpty(FieldErrorOf(cut, "wizard-backend-host"));
        Assert.Empty(cut.FindAll("[data-testid=wizard-plugin-type]"));
    }

    [Fact]
    public async Task Next_ApiPathInvalid_StaysOnApiStep()
    {
        // Arrange
        var cut = Render<ApiWizard>();
        await FillBackendAndSkipPluginsAsync(cut);
        cut.Find("[data-testid=wizard-api-name]").Change("shop");
        cut.Find("[data-testid=wizard-api-display-name]").Change("Shop");
        cut.Find("[data-testid=wizard-api-path]").Change("shop");

        // Act
        await cut.Find("[data-testid=wizard-next]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Path must start with '/'.", FieldErrorOf(cut, "wizard-api-path")));
        Assert.Empty(cut.FindAll("[data-testid=openapi-content]"));
    }

    [Fact]
    public async Task Next_BackendPluginWithBadConfiguration_StaysOnPluginStepWithMessage()
    {
        // Arrange
        var cut = Render<ApiWizard>();
        cut.WaitForElement("[data-testid=wizard-backend-name]");
        cut.Find("[data-testid=wizard-backend-name]").Change("wizard-be");
        cut.Find("[data-testid=wizard-backend-host]").Change("127.0.0.1");
        await NextAsync(cut, "wizard-plugin-type");
        var select = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("ip-restriction"));
        await cut.Find("[data-testid=wizard-plugin-add]").ClickAsync(new());
        cut.Find("[data-testid=wizard-plugin-config]").Change("{\"deny\": [\"not-an-ip\"]}");

        // Act
        await cut.Find("[data-testid=wizard-next]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("not-an-ip", FieldErrorOf(cut, "wizard-plugin-config"), StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=wizard-api-name]"));
    }

    [Fact]
    public async Task Create_AllStepsValid_CreatesApiWithOperationsAndOpensIt()
    {
        // Arrange
        var cut = Render<ApiWizard>();
        await FillBackendAndSkipPluginsAsync(cut);
        cut.Find("[data-testid=wizard-api-name]").Change("shop");
        cut.Find("[data-testid=wizard-api-display-name]").Change("Shop");
        cut.Find("[data-testid=wizard-api-path]").Change("/shop/v1");
        await NextAsync(cut, "openapi-content");
        cut.Find("[data-testid=openapi-content]").Change(Spec);
        await NextAsync(cut, "wizard-public");
        await NextAsync(cut, "wizard-plugin-type");

        // Act
        await cut.Find("[data-testid=wizard-create]").ClickAsync(new());

        // Assert
        var apis = Services.GetRequiredService<ApiService>();
        var api = Assert.Single((await apis.ListAsync(new PageRequest(), Ct)).Items);
        cut.WaitForAssertion(() => Assert.Equal($"/apis/{api.Id}", CurrentPath));
        Assert.Equal(("shop", "wizard-be"), (api.Name, api.Backend!.Name));
        Assert.Equal("GET /orders", Assert.Single(await apis.ListOperationsAsync(api.Id, Ct)) is var o ? $"{o.Method} {o.Path}" : "");
    }

    private static async Task NextAsync(IRenderedComponent<ApiWizard> cut, string expectedTestId)
    {
        await cut.Find("[data-testid=wizard-next]").ClickAsync(new());
        cut.WaitForElement($"[data-testid={expectedTestId}]");
    }

    private static async Task FillBackendAndSkipPluginsAsync(IRenderedComponent<ApiWizard> cut)
    {
        cut.WaitForElement("[data-testid=wizard-backend-name]");
        cut.Find("[data-testid=wizard-backend-name]").Change("wizard-be");
        cut.Find("[data-testid=wizard-backend-host]").Change("127.0.0.1");
        cut.Find("[data-testid=wizard-backend-port]").Change("9000");
        await NextAsync(cut, "wizard-plugin-type");
        await NextAsync(cut, "wizard-api-name");
    }
}
