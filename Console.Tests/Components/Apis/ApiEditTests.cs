using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiEditTests : AdminTestContext
{
    [Fact]
    public async Task Save_ValidApi_CreatesItAndOpensDetails()
    {
        // Arrange: with a single backend the form preselects it.
        var backend = await CreateBackendAsync("orders");
        var cut = Render<ApiEdit>();
        cut.WaitForElement("[data-testid=api-name]");

        // Act
        cut.Find("[data-testid=api-name]").Change("shop");
        cut.Find("[data-testid=api-display-name]").Change("Shop");
        cut.Find("[data-testid=api-path]").Change("/shop/v1/");
        cut.Find("[data-testid=api-tags]").Change("retail, orders");
        await cut.Find("[data-testid=api-save]").ClickAsync(new());

        // Assert
        var list = await Services.GetRequiredService<ApiService>().ListAsync(new PageRequest(), Ct);
        var saved = Assert.Single(list.Items);
        Assert.Equal(("shop", "v1", "Shop", "/shop/v1", backend.Id, ApiStatus.Active), (saved.Name, saved.Version, saved.DisplayName, saved.Path, saved.BackendId, saved.Status));
        Assert.Equal(["retail", "orders"], saved.Tags);
        Assert.Empty(saved.Methods);
        Assert.Equal($"/apis/{saved.Id}", CurrentPath);
    }

    [Fact]
    public async Task Save_BadPathTemplate_ShowsErrorNextToPath()
    {
        // Arrange
        await CreateBackendAsync("orders");
        var cut = Render<ApiEdit>();
        cut.WaitForElement("[data-testid=api-name]");
        cut.Find("[data-testid=api-name]").Change("users");
        cut.Find("[data-testid=api-display-name]").Change("Users");

        // Act
        cut.Find("[data-testid=api-path]").Change("/users/{id");
        await cut.Find("[data-testid=api-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("Segment '{id' is not a valid parameter", FieldErrorOf(cut, "api-path"), StringComparison.Ordinal));
        Assert.Equal("", FieldErrorOf(cut, "api-name"));
        Assert.Equal(0, (await Services.GetRequiredService<ApiService>().ListAsync(new PageRequest(), Ct)).Total);
    }

    [Fact]
    public async Task Save_ConflictingPath_ShowsErrorNextToPath()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("users", backend.Id, "/users/{id}");
        var cut = Render<ApiEdit>();
        cut.WaitForElement("[data-testid=api-name]");
        cut.Find("[data-testid=api-name]").Change("people");
        cut.Find("[data-testid=api-display-name]").Change("People");

        // Act
        cut.Find("[data-testid=api-path]").Change("/users/{userId}");
        await cut.Find("[data-testid=api-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Path conflicts with API 'users' v1 (/users/{id}).", FieldErrorOf(cut, "api-path")));
    }

    [Fact]
    public async Task Save_EmptyForm_ShowsRequiredErrorsNextToFields()
    {
        // Arrange: no backend exists, so none is selected.
        var cut = Render<ApiEdit>();
        cut.WaitForElement("[data-testid=api-name]");

        // Act
        cut.Find("[data-testid=api-version]").Change("");
        await cut.Find("[data-testid=api-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Name is required.", FieldErrorOf(cut, "api-name")));
        Assert.Equal("Version is required.", FieldErrorOf(cut, "api-version"));
        Assert.Equal("Display name is required.", FieldErrorOf(cut, "api-display-name"));
        Assert.Equal("Path is required.", FieldErrorOf(cut, "api-path"));
        Assert.Equal("Backend is required.", FieldErrorOf(cut, "api-backend"));
        Assert.NotNull(cut.Find("[data-testid=no-backends]"));
    }

    [Fact]
    public async Task Save_DuplicateNameAndVersion_ShowsErrorNextToVersion()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop");
        var cut = Render<ApiEdit>();
        cut.WaitForElement("[data-testid=api-name]");
        cut.Find("[data-testid=api-name]").Change("shop");
        cut.Find("[data-testid=api-display-name]").Change("Shop again");
        cut.Find("[data-testid=api-path]").Change("/shop2");

        // Act
        await cut.Find("[data-testid=api-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("API 'shop' already has a version 'v1'.", FieldErrorOf(cut, "api-version")));
    }

    [Fact]
    public async Task Save_Edit_UpdatesExistingApi()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        var cut = Render<ApiEdit>(p => p.Add(x => x.Id, api.Id));
        cut.WaitForAssertion(() => Assert.Equal("/shop", cut.Find("[data-testid=api-path]").GetAttribute("value")));

        // Act
        cut.Find("[data-testid=api-display-name]").Change("Shop (renamed)");
        await cut.Find("[data-testid=api-save]").ClickAsync(new());

        // Assert
        var saved = await Services.GetRequiredService<ApiService>().FindAsync(api.Id, Ct);
        Assert.Equal("Shop (renamed)", saved!.DisplayName);
        Assert.Equal($"/apis/{api.Id}", CurrentPath);
    }

    [Fact]
    public async Task Render_Operator_SaveDisabled()
    {
        // Arrange
        await CreateBackendAsync("orders");
        SignInAsOperator();

        // Act
        var cut = Render<ApiEdit>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=api-save]").HasAttribute("disabled")));
    }
}
