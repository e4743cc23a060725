using ApiManager.Admin.Account;
using ApiManager.Admin.Tests.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.AdminUsers;

public sealed class AdminUsersPageTests : AdminTestContext
{
    [Fact]
    public void Render_SeededAdmin_ListedWithRole()
    {
        // Act
        var cut = Render<ApiManager.Admin.Components.Pages.AdminUsers.AdminUsers>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["admin"], cut.FindAll("[data-testid=admin-user-row-name]").Select(e => e.TextContent)));
        Assert.Equal(AdminRoles.Administrator, cut.Find("[data-testid=admin-user-role-admin]").TextContent);
    }

    [Fact]
    public async Task Create_ValidUser_AddsRow()
    {
        // Arrange
        var cut = Render<ApiManager.Admin.Components.Pages.AdminUsers.AdminUsers>();
        cut.WaitForElement("[data-testid=admin-user-new]");
        await cut.Find("[data-testid=admin-user-new]").ClickAsync(new());

        // Act
        cut.Find("[data-testid=admin-user-name]").Change("olivia");
        cut.Find("[data-testid=admin-user-password]").Change("Operat0r-Pass!");
        await cut.Find("[data-testid=admin-user-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["admin", "olivia"], cut.FindAll("[data-testid=admin-user-row-name]").Select(e => e.TextContent)));
        Assert.Empty(cut.FindAll("[data-testid=admin-user-create-form]"));
    }

    [Fact]
    public async Task Create_WeakPassword_ShowsErrorNextToPassword()
    {
        // Arrange
        var cut = Render<ApiManager.Admin.Components.Pages.AdminUsers.AdminUsers>();
        cut.WaitForElement("[data-testid=admin-user-new]");
        await cut.Find("[data-testid=admin-user-new]").ClickAsync(new());

        // Act
        cut.Find("[data-testid=admin-user-name]").Change("olivia");
        cut.Find("[data-testid=admin-user-password]").Change("weak");
        await cut.Find("[data-testid=admin-user-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("at least 8 characters", FieldErrorOf(cut, "admin-user-password"), StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=admin-user-row-name]"));
    }

    [Fact]
    public async Task Disable_Self_ShowsRefusal()
    {
        // Arrange
        var cut = Render<ApiManager.Admin.Components.Pages.AdminUsers.AdminUsers>();
        cut.WaitForElement("[data-testid=admin-user-disable-admin]");

        // Act
        await cut.Find("[data-testid=admin-user-disable-admin]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("You cannot disable your own account.", cut.Find("[data-testid=admin-users-error]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=admin-user-disabled]"));
    }

    [Fact]
    public async Task Disable_Operator_ShowsDisabledChipAndEnableButton()
    {
        // Arrange
        await Services.GetRequiredService<AdminUserService>().CreateAsync(
            new NewAdminUser { UserName = "olivia", Role = AdminRoles.Operator, Password = "Operat0r-Pass!" }, SeedActor, Ct);
        var cut = Render<ApiManager.Admin.Components.Pages.AdminUsers.AdminUsers>();
        cut.WaitForElement("[data-testid=admin-user-disable-olivia]");

        // Act
        await cut.Find("[data-testid=admin-user-disable-olivia]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=admin-user-disabled]")));
        Assert.NotNull(cut.Find("[data-testid=admin-user-enable-olivia]"));
    }

    [Fact]
    public async Task ResetPassword_DialogSubmitted_SetsNewPassword()
    {
        // Arrange
        var olivia = await Services.GetRequiredService<AdminUserService>().CreateAsync(
            new NewAdminUser { UserName = "olivia", Role = AdminRoles.Operator, Password = "Operat0r-Pass!" }, SeedActor, Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiManager.Admin.Components.Pages.AdminUsers.AdminUsers>();
        cut.WaitForElement("[data-testid=admin-user-reset-olivia]");
        _ = cut.Find("[data-testid=admin-user-reset-olivia]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=reset-password-value]");

        // Act
        dialogs.Find("[data-testid=reset-password-value]").Change("Brand-N3w-Pass!");
        await dialogs.Find("[data-testid=reset-password-save]").ClickAsync(new());

        // Assert
        var userManager = Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.AdminUser>>();
        cut.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.True(await userManager.CheckPasswordAsync((await userManager.FindByIdAsync(olivia.Id))!, "Brand-N3w-Pass!"));
    }

    [Fact]
    public void Render_Operator_ActionsDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<ApiManager.Admin.Components.Pages.AdminUsers.AdminUsers>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=admin-user-new]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=admin-user-disable-admin]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=admin-user-reset-admin]").HasAttribute("disabled"));
    }
}
