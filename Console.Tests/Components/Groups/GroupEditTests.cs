using ApiManager.Admin.Components.Pages.Groups;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Groups;

public sealed class GroupEditTests : AdminTestContext
{
    [Fact]
    public async Task Save_ValidNightWindow_CreatesAtDefaultLevelAndOpensDetails()
    {
        // Arrange
        var cut = Render<GroupEdit>();
        cut.WaitForElement("[data-testid=group-name]");

        // Act
        cut.Find("[data-testid=group-name]").Change("night-batch");
        cut.Find("[data-testid=group-start]").Change("22:00");
        cut.Find("[data-testid=group-end]").Change("06:00");
        cut.Find("[data-testid=group-zone]").Change("Asia/Taipei");
        await cut.Find("[data-testid=group-save]").ClickAsync(new());

        // Assert
        var saved = Assert.Single((await Services.GetRequiredService<ApiGroupService>().ListAsync(new PageRequest(), Ct)).Items);
        Assert.Equal(("night-batch", "D", new TimeOnly(22, 0), new TimeOnly(6, 0), "Asia/Taipei", AllowedDays.All),
            (saved.Name, saved.SecurityLevel!.Code, saved.AllowedStartTime!.Value, saved.AllowedEndTime!.Value, saved.TimeZoneId, saved.AllowedDays));
        Assert.Equal($"/groups/{saved.Id}", CurrentPath);
    }

    [Fact]
    public async Task Save_StartWithoutEndAndUnknownZone_ShowsErrorsNextToFields()
    {
        // Arrange
        var cut = Render<GroupEdit>();
        cut.WaitForElement("[data-testid=group-name]");
        cut.Find("[data-testid=group-name]").Change("g1");

        // Act
        cut.Find("[data-testid=group-start]").Change("08:00");
        cut.Find("[data-testid=group-zone]").Change("Mars/Olympus");
        await cut.Find("[data-testid=group-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("both the start and the end", FieldErrorOf(cut, "group-end"), StringComparison.Ordinal));
        Assert.Contains("Mars/Olympus", FieldErrorOf(cut, "group-zone"), StringComparison.Ordinal);
        Assert.Equal("/", CurrentPath);
        Assert.Empty((await Services.GetRequiredService<ApiGroupService>().ListAsync(new PageRequest(), Ct)).Items);
    }

    [Fact]
    public async Task Save_UnparsableTime_ShowsErrorWithoutCallingTheService()
    {
        // Arrange
        var cut = Render<GroupEdit>();
        cut.WaitForElement("[data-testid=group-name]");
        cut.Find("[data-testid=group-name]").Change("g1");

        // Act
        cut.Find("[data-testid=group-start]").Change("25:99");
        cut.Find("[data-testid=group-end]").Change("06:00");
        await cut.Find("[data-testid=group-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("HH:mm", FieldErrorOf(cut, "group-start"), StringComparison.Ordinal));
        Assert.Empty((await Services.GetRequiredService<ApiGroupService>().ListAsync(new PageRequest(), Ct)).Items);
    }

    [Fact]
    public async Task Save_DuplicateNameAndSameStartEnd_ShowsBothErrors()
    {
        // Arrange
        await this.CreateGroupAsync("payments");
        var cut = Render<GroupEdit>();
        cut.WaitForElement("[data-testid=group-name]");

        // Act
        cut.Find("[data-testid=group-name]").Change("Payments");
        cut.Find("[data-testid=group-start]").Change("09:00");
        cut.Find("[data-testid=group-end]").Change("09:00");
        await cut.Find("[data-testid=group-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("already exists", FieldErrorOf(cut, "group-name"), StringComparison.Ordinal));
        Assert.Contains("must differ", FieldErrorOf(cut, "group-end"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_LevelAboveHoldingClient_ShowsClientNextToLevel()
    {
        // Arrange
        var group = await this.CreateGroupAsync("g1", 3);
        await this.InsertClientAsync("c-level-client", 3, groupIds: [group.Id]);
        var service = Services.GetRequiredService<ApiGroupService>();
        var cut = Render<GroupEdit>(p => p.Add(x => x.Id, group.Id));
        cut.WaitForElement("[data-testid=group-name]");

        // Act (the select's popover is not rendered in bUnit, so the bound value is set directly)
        cut.Instance.ViewModel.Form.SecurityLevelId = 1;
        await cut.Find("[data-testid=group-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("c-level-client", FieldErrorOf(cut, "group-level"), StringComparison.Ordinal));
        Assert.Equal(3, (await service.FindAsync(group.Id, Ct))!.SecurityLevelId);
    }

    [Fact]
    public void Render_AsOperator_SaveDisabledWithReadOnlyNote()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<GroupEdit>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=group-save]").HasAttribute("disabled")));
        Assert.NotNull(cut.Find("[data-testid=read-only-note]"));
    }
}
