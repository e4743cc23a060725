using ApiManager.Gateway.Apis.Wizard;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Apis.OpenApi;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Apis.Wizard;

public sealed class ApiTemplateTests : IAsyncLifetime
{
    private const string Untitled = """
        {
          "openapi": "3.0.3",
          "info": { "title": " ", "version": "1.0" },
          "paths": { "/ping": { "get": { "responses": { "200": { "description": "OK" } } } } }
        }
        """;

    private WizardServices _s = null!;

    public async ValueTask InitializeAsync() => _s = await WizardServices.CreateAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task CreateFromTemplateAsync_Minimum_NamesApiAndBackendAfterDocument()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var template = new ApiTemplateInput { Kind = ApiTemplateKind.Minimum, Host = "orders.internal", Port = 8081, OpenApiContent = OpenApiSamples.Json30 };

        // Act
        var api = await _s.Wizard.CreateFromTemplateAsync(template, GatewayHost.TestActor, cancellationToken);

        // Assert
        Assert.Equal(("shop-api", "1.0", "/shop-api/1.0", "Shop API"), (api.Name, api.Version, api.Path, api.DisplayName));
        Assert.Equal(("shop-api-1.0", "orders.internal", 8081), (api.Backend!.Name, api.Backend.Host, api.Backend.Port));
        Assert.False(api.IsPublic);
        Assert.Equal(3, (await _s.Apis.ListOperationsAsync(api.Id, cancellationToken)).Count);
    }

    [Fact]
    public async Task CreateFromTemplateAsync_MinimumWithoutTitle_AsksForBasic()
    {
        // Arrange
        var template = new ApiTemplateInput { Kind = ApiTemplateKind.Minimum, Host = "orders.internal", OpenApiContent = Untitled };

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _s.Wizard.CreateFromTemplateAsync(template, GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("use the Basic template", Assert.Single(ex.Errors["openApi.content"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFromTemplateAsync_MinimumTwice_ReportsClash()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var template = new ApiTemplateInput { Kind = ApiTemplateKind.Minimum, Host = "orders.internal", OpenApiContent = OpenApiSamples.Json30 };
        await _s.Wizard.CreateFromTemplateAsync(template, GatewayHost.TestActor, cancellationToken);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _s.Wizard.CreateFromTemplateAsync(template, GatewayHost.TestActor, cancellationToken));

        // Assert
        Assert.Contains("api.path", ex.Errors.Keys);
        Assert.Contains("api.version", ex.Errors.Keys);
    }

    [Fact]
    public async Task CreateFromTemplateAsync_Basic_UsesGivenNameAndVersion()
    {
        // Arrange
        var template = new ApiTemplateInput { Kind = ApiTemplateKind.Basic, Host = "orders.internal", Name = "ping", Version = "v2", OpenApiContent = Untitled };

        // Act
        var api = await _s.Wizard.CreateFromTemplateAsync(template, GatewayHost.TestActor, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(("ping", "v2", "/ping/v2", "ping-v2"), (api.Name, api.Version, api.Path, api.Backend!.Name));
    }

    [Fact]
    public async Task CreateFromTemplateAsync_BasicWithoutNameHostOrDocument_ReportsEachField()
    {
        // Arrange
        var template = new ApiTemplateInput { Kind = ApiTemplateKind.Basic, Host = "", Version = "v1" };

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _s.Wizard.CreateFromTemplateAsync(template, GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["api.name", "openApi.content"], ex.Errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task CreateFromTemplateAsync_BasicWithBadHost_ReportsBackendHost()
    {
        // Arrange
        var template = new ApiTemplateInput { Kind = ApiTemplateKind.Basic, Host = "", Name = "ping", Version = "v1", OpenApiContent = Untitled };

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _s.Wizard.CreateFromTemplateAsync(template, GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("backend.host", ex.Errors.Keys);
    }
}
