using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Pages.Backends;
using ApiManager.Admin.Tests.Shared;
using Bunit;

namespace ApiManager.Admin.Tests.Components.Backends;

public sealed class BackendListTests : AdminTestContext
{
    [Fact]
    public async Task Render_BackendsInDatabase_ShowsOneRowEach()
    {
        // Arrange
        await CreateBackendAsync("orders", "orders.internal", 8081);
        await CreateBackendAsync("billing", "billing.internal", 8082);

        // Act
        var cut = Render<BackendList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["billing", "orders"], cut.FindAll("[data-testid=backend-row-name]").Select(a => a.TextContent)));
        Assert.Contains("orders.internal:8081", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Keyword_ShowsOnlyMatchingRows()
    {
        // Arrange
        await CreateBackendAsync("orders", "orders.internal");
        await CreateBackendAsync("billing", "billing.internal");
        var cut = Render<BackendList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=backend-row-name]").Count));

        // Act
        cut.Find("[data-testid=list-search]").Input("bill");
        var rowsBeforeDebounce = cut.FindAll("[data-testid=backend-row-name]").Count;
        Time.Advance(TimeSpan.FromMilliseconds(SearchBox.DebounceMilliseconds + 1));

        // Assert: nothing reloads before the debounce interval, then only the match remains.
        Assert.Equal(2, rowsBeforeDebounce);
        cut.WaitForAssertion(() => Assert.Equal(["billing"], cut.FindAll("[data-testid=backend-row-name]").Select(a => a.TextContent)));
    }

    [Fact]
    public async Task Search_NoMatch_ShowsNoRecordsMessage()
    {
        // Arrange
        await CreateBackendAsync("orders");
        var cut = Render<BackendList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=backend-row-name]")));

        // Act
        cut.Find("[data-testid=list-search]").Input("zzz");
        Time.Advance(TimeSpan.FromMilliseconds(SearchBox.DebounceMilliseconds + 1));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No backend matches the search.", cut.Find("[data-testid=no-records]").TextContent));
    }

    [Fact]
    public async Task Render_MoreRowsThanPageSize_PagesOnServer()
    {
        // Arrange
        for (var i = 0; i < 12; i++)
        {
            await CreateBackendAsync($"backend-{i:00}");
        }

        // Act
        var cut = Render<BackendList>();

        // Assert: the default page holds 10 rows and the pager knows all 12.
        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=backend-row-name]").Count));
        Assert.Contains("1-10 of 12", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Operator_NewButtonDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<BackendList>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=backend-new]").HasAttribute("disabled")));
    }

    [Fact]
    public void Render_Administrator_NewButtonEnabled()
    {
        // Act
        var cut = Render<BackendList>();

        // Assert
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=backend-new]").HasAttribute("disabled")));
        Assert.Equal(300, SearchBox.DebounceMilliseconds);
    }
}
