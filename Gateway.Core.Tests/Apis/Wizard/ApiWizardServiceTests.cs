using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Apis.Wizard;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Apis.OpenApi;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Apis.Wizard;

public sealed class ApiWizardServiceTests : IAsyncLifetime
{
    private const string DenyTen = """{"deny":["10.0.0.0/8"]}""";
    private WizardServices _s = null!;

    public async ValueTask InitializeAsync() => _s = await WizardServices.CreateAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task CreateAsync_NewBackendWithOpenApiAndPlugins_WritesEverything()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var input = ValidInput() with
        {
            OpenApiContent = OpenApiSamples.Json30,
            AcceptedCredentials = CredentialTypes.KeyAuth,
            BackendPlugins = [new ApiWizardPlugin("ip-restriction", DenyTen)],
            ApiPlugins = [new ApiWizardPlugin("ip-restriction", """{"allow":["127.0.0.1"]}""")],
        };

        // Act
        var api = await _s.Wizard.CreateAsync(input, GatewayHost.TestActor, cancellationToken);

        // Assert
        Assert.Equal(("shop", "v1", "/shop/v1", "orders-be"), (api.Name, api.Version, api.Path, api.Backend!.Name));
        Assert.Equal(["GET", "POST", "DELETE"], api.Methods);
        Assert.Equal(CredentialTypes.KeyAuth, api.AcceptedCredentials);
        Assert.Equal("Orders and products.", api.Description);
        Assert.Equal(3, (await _s.Apis.ListOperationsAsync(api.Id, cancellationToken)).Count);
        Assert.NotNull(await _s.Apis.FindOpenApiDocumentAsync(api.Id, cancellationToken));
        var plugins = await _s.Plugins.ListAsync(new PluginQuery(), cancellationToken);
        Assert.Equal(["api", "backend"], plugins.Select(p => PluginScopeNames.Name(p.Scope)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task CreateAsync_ExistingBackendWithoutOpenApi_CreatesApiOnIt()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var backend = await _s.Backends.CreateAsync(new BackendInput { Name = "existing", Host = "127.0.0.1", Port = 9000 }, GatewayHost.TestActor, cancellationToken);
        var input = ValidInput() with { BackendId = backend.Id, NewBackend = null, IsPublic = true };

        // Act
        var api = await _s.Wizard.CreateAsync(input, GatewayHost.TestActor, cancellationToken);

        // Assert
        Assert.Equal(backend.Id, api.BackendId);
        Assert.True(api.IsPublic);
        Assert.Empty(await _s.Apis.ListOperationsAsync(api.Id, cancellationToken));
        Assert.Single(await _s.Backends.ListAllAsync(cancellationToken));
    }

    [Theory]
    [InlineData("backend-host", "backend.host")]
    [InlineData("backend-missing", "backend.backendId")]
    [InlineData("backend-none", "backend.backendId")]
    [InlineData("backend-plugin-config", "backendPlugins[0].config.deny[0]")]
    [InlineData("backend-plugin-twice", "backendPlugins[1].type")]
    [InlineData("api-path", "api.path")]
    [InlineData("api-name", "api.name")]
    [InlineData("openapi-content", "openApi.content")]
    [InlineData("openapi-url", "openApi.url")]
    [InlineData("access-none", "access.acceptedCredentials")]
    [InlineData("api-plugin-type", "apiPlugins[0].type")]
    public async Task CreateAsync_BadStep_ReportsKeyedErrorAndWritesNothing(string fault, string expectedKey)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var valid = ValidInput();
        var input = fault switch
        {
            "backend-host" => valid with { NewBackend = valid.NewBackend! with { Host = "bad host!" } },
            "backend-missing" => valid with { BackendId = 999, NewBackend = null },
            "backend-none" => valid with { NewBackend = null },
            "backend-plugin-config" => valid with { BackendPlugins = [new ApiWizardPlugin("ip-restriction", """{"deny":["not-an-ip"]}""")] },
            "backend-plugin-twice" => valid with { BackendPlugins = [new ApiWizardPlugin("ip-restriction", DenyTen), new ApiWizardPlugin("ip-restriction", DenyTen)] },
            "api-path" => valid with { Api = valid.Api with { Path = "no-slash" } },
            "api-name" => valid with { Api = valid.Api with { Name = "" } },
            "openapi-content" => valid with { OpenApiContent = "{\n \"openapi\": 3" },
            "openapi-url" => valid with { OpenApiUrl = "ftp://127.0.0.1/spec" },
            "access-none" => valid with { AcceptedCredentials = CredentialTypes.None },
            "api-plugin-type" => valid with { ApiPlugins = [new ApiWizardPlugin("no-such-plugin")] },
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _s.Wizard.CreateAsync(input, GatewayHost.TestActor, cancellationToken));

        // Assert
        Assert.Contains(expectedKey, ex.Errors.Keys);
        Assert.Equal(0, await RowCountAsync(cancellationToken));
    }

    [Fact]
    public async Task CreateAsync_PluginWriteFails_RemovesBackendAndApiAndReportsError()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var input = ValidInput() with
        {
            OpenApiContent = OpenApiSamples.Json30,
            BackendPlugins = [new ApiWizardPlugin("ip-restriction", DenyTen)],
            ApiPlugins = [new ApiWizardPlugin("cors")],
        };

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => _s.Wizard.CreateAsync(input, GatewayHost.TestActor, cancellationToken));

        // Assert
        Assert.Equal("The target refused the plugin.", Assert.Single(ex.Errors["apiPlugins[0].config"]));
        Assert.Equal(0, await RowCountAsync(cancellationToken));
    }

    [Fact]
    public async Task ValidateStepAsync_ApiStepWithClashingPath_ReportsOnlyThatStep()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await _s.Wizard.CreateAsync(ValidInput(), GatewayHost.TestActor, cancellationToken);
        var second = ValidInput() with { NewBackend = ValidInput().NewBackend! with { Host = "bad host!" }, Api = ValidInput().Api with { Name = "other" } };

        // Act
        var errors = await _s.Wizard.ValidateStepAsync(second, ApiWizardStep.Api, cancellationToken);

        // Assert
        Assert.Equal(["api.path"], errors.Keys.ToArray());
    }

    [Fact]
    public async Task ValidateStepAsync_SkippedOptionalSteps_AreValid()
    {
        // Act
        var errors = new List<string>();
        foreach (var step in new[] { ApiWizardStep.BackendPlugins, ApiWizardStep.OpenApi, ApiWizardStep.ApiPlugins })
        {
            errors.AddRange((await _s.Wizard.ValidateStepAsync(ValidInput(), step, TestContext.Current.CancellationToken)).Keys);
        }

        // Assert
        Assert.Empty(errors);
    }

    private static ApiWizardInput ValidInput() => new()
    {
        NewBackend = new BackendInput { Name = "orders-be", Host = "127.0.0.1", Port = 9000 },
        Api = new ApiInput { Name = "shop", Version = "v1", DisplayName = "Shop", Path = "/shop/v1" },
    };

    private async Task<int> RowCountAsync(CancellationToken cancellationToken)
    {
        await using var db = await _s.Database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.Backends.CountAsync(cancellationToken) + await db.Apis.CountAsync(cancellationToken) + await db.Plugins.CountAsync(cancellationToken)
            + await db.ApiOperations.CountAsync(cancellationToken) + await db.ApiOpenApiDocuments.CountAsync(cancellationToken);
    }
}
