using ApiManager.Admin.Components.Pages.Groups;
using ApiManager.Admin.Tests.Shared;
using Bunit;

namespace ApiManager.Admin.Tests.Components.Groups;

public sealed class GroupListTests : AdminTestContext
{
    [Fact]
    public async Task Search_ByAlias_FiltersRowsAndShowsLevel()
    {
        // Arrange
        await this.CreateGroupAsync("billing", 1);
        await this.CreateGroupAsync("stock");
        var cut = Render<GroupList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=group-row-name]").Count));

        // Act
        cut.Find("[data-testid=list-search]").Input("bill");
        Time.Advance(TimeSpan.FromMilliseconds(301));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["billing"], cut.FindAll("[data-testid=group-row-name]").Select(e => e.TextContent)));
        Assert.Equal("A", cut.Find("tbody tr td[data-label=Level]").TextContent.Trim());
    }

    [Fact]
    public async Task Search_NoMatch_ShowsNoMatchText()
    {
        // Arrange
        await this.CreateGroupAsync("billing");
        var cut = Render<GroupList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=group-row-name]")));

        // Act
        cut.Find("[data-testid=list-search]").Input("zzz");
        Time.Advance(TimeSpan.FromMilliseconds(301));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No API group matches the search.", cut.Find("[data-testid=no-records]").TextContent));
    }
}
