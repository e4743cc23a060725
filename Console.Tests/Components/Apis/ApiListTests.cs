using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using Bunit;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiListTests : AdminTestContext
{
    [Fact]
    public async Task Render_ApisInDatabase_ShowsRowsWithBackendAndStatusChip()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop", ApiStatus.Active, "retail");
        await CreateApiAsync("legacy", backend.Id, "/legacy", ApiStatus.Deprecated);

        // Act
        var cut = Render<ApiList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["legacy", "shop"], cut.FindAll("[data-testid=api-row-name]").Select(a => a.TextContent)));
        Assert.Equal(["Deprecated", "Active"], cut.FindAll("[data-testid=api-status]").Select(c => c.GetAttribute("data-status")));
        Assert.Contains("mud-chip-color-warning", cut.FindAll("[data-testid=api-status]")[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-success", cut.FindAll("[data-testid=api-status]")[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("retail", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Tag_ShowsOnlyTaggedApi()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop", ApiStatus.Active, "retail");
        await CreateApiAsync("billing", backend.Id, "/billing");
        var cut = Render<ApiList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=api-row-name]").Count));

        // Act
        cut.Find("[data-testid=list-search]").Input("retail");
        Time.Advance(TimeSpan.FromMilliseconds(SearchBox.DebounceMilliseconds + 1));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["shop"], cut.FindAll("[data-testid=api-row-name]").Select(a => a.TextContent)));
    }

    [Fact]
    public void Render_Operator_NewButtonDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<ApiList>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=api-new]").HasAttribute("disabled")));
    }

    [Fact]
    public void Render_Empty_ShowsNoApisYet()
    {
        // Act
        var cut = Render<ApiList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No APIs yet.", cut.Find("[data-testid=no-records]").TextContent));
    }
}
