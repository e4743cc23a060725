using ApiManager.Admin.Components.Pages.SecurityLevels;
using ApiManager.Admin.Tests.Components.Groups;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.SecurityLevels;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.SecurityLevels;

public sealed class SecurityLevelPagesTests : AdminTestContext
{
    [Fact]
    public void List_Seeded_ShowsAThroughDWithDDefault()
    {
        // Act
        var cut = Render<SecurityLevelList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["A", "B", "C", "D"], cut.FindAll("[data-testid=level-row-code]").Select(e => e.TextContent)));
        Assert.Contains("Default", cut.FindAll("tbody tr")[3].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_New_DuplicateCodeAndRank_ShowsErrors()
    {
        // Arrange
        var cut = Render<SecurityLevelEdit>();
        cut.WaitForElement("[data-testid=level-code]");
        Assert.Equal("5", cut.Find("[data-testid=level-rank]").GetAttribute("value"));

        // Act
        cut.Find("[data-testid=level-code]").Change("a");
        cut.Find("[data-testid=level-name]").Change("Again");
        cut.Find("[data-testid=level-rank]").Change("1");
        await cut.Find("[data-testid=level-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("already exists", FieldErrorOf(cut, "level-code"), StringComparison.Ordinal));
        Assert.Contains("rank 1", FieldErrorOf(cut, "level-rank"), StringComparison.Ordinal);
    }

    [Fact]
    public void Details_SystemLevel_DeleteDisabled()
    {
        // Act
        var cut = Render<SecurityLevelDetails>(p => p.Add(x => x.Id, 1));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("A", cut.Find("[data-testid=level-code]").TextContent));
        Assert.True(cut.Find("[data-testid=level-delete]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=level-set-default]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Details_MakeDefault_MovesTheDefault()
    {
        // Arrange
        var cut = Render<SecurityLevelDetails>(p => p.Add(x => x.Id, 3));
        cut.WaitForElement("[data-testid=level-set-default]");

        // Act
        await cut.Find("[data-testid=level-set-default]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Yes", cut.Find("[data-testid=level-default]").TextContent));
        Assert.Equal(3, (await Services.GetRequiredService<SecurityLevelService>().FindDefaultAsync(Ct)).Id);
    }

    [Fact]
    public async Task Details_DeleteUsedLevel_RefusedListingGroup()
    {
        // Arrange
        var level = await Services.GetRequiredService<SecurityLevelService>().CreateAsync(new SecurityLevelInput { Code = "E", Name = "E", Rank = 5 }, SeedActor, Ct);
        await this.CreateGroupAsync("payments", level.Id);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<SecurityLevelDetails>(p => p.Add(x => x.Id, level.Id));
        cut.WaitForElement("[data-testid=level-delete]");
        _ = cut.Find("[data-testid=level-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("payments", cut.Find("[data-testid=delete-error]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await Services.GetRequiredService<SecurityLevelService>().FindAsync(level.Id, Ct));
    }

    [Fact]
    public void Details_AsOperator_WriteControlsDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<SecurityLevelDetails>(p => p.Add(x => x.Id, 3));

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=level-set-default]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=level-edit]").HasAttribute("disabled"));
    }
}
