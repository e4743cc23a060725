using ApiManager.Admin.Account;
using ApiManager.Admin.Components.Pages.Tokens;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Tokens;

public sealed class AccessTokensPageTests : AdminTestContext
{
    [Fact]
    public async Task Create_Named_ShowsValueOnceInDialogAndListsToken()
    {
        // Arrange
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AccessTokens>();
        cut.WaitForElement("[data-testid=token-name]");

        // Act
        cut.Find("[data-testid=token-name]").Change("ci");
        _ = cut.Find("[data-testid=token-create]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.StartsWith(AccessTokenService.TokenPrefix, dialogs.Find("[data-testid=token-value]").TextContent, StringComparison.Ordinal));
        var value = dialogs.Find("[data-testid=token-value]").TextContent;
        Assert.NotNull(await Services.GetRequiredService<AccessTokenService>().ValidateAsync(value, Ct));
        cut.WaitForAssertion(() => Assert.Equal(["ci"], cut.FindAll("[data-testid=token-row-name]").Select(e => e.TextContent)));
        Assert.DoesNotContain(value, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_EmptyName_ShowsErrorNextToName()
    {
        // Arrange
        var cut = Render<AccessTokens>();
        cut.WaitForElement("[data-testid=token-create]");

        // Act
        await cut.Find("[data-testid=token-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("Name is required", FieldErrorOf(cut, "token-name"), StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=token-row-name]"));
    }

    [Fact]
    public async Task Revoke_Confirmed_ShowsRevokedStatus()
    {
        // Arrange
        await Services.GetRequiredService<AccessTokenService>().CreateAsync(AdminUserId, "ci", null, new Actor("admin", "console"), Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AccessTokens>();
        cut.WaitForElement("[data-testid=token-revoke]");
        _ = cut.Find("[data-testid=token-revoke]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Revoke");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Revoked", cut.Find("[data-testid=token-status]").TextContent));
        Assert.True(cut.Find("[data-testid=token-revoke]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_Operator_MayCreateOwnToken()
    {
        // Arrange
        var olivia = await Services.GetRequiredService<AdminUserService>().CreateAsync(
            new NewAdminUser { UserName = "olivia", Role = AdminRoles.Operator, Password = "Operat0r-Pass!" }, SeedActor, Ct);
        SignInAsOperator(olivia.Id, "olivia");

        // Act
        var cut = Render<AccessTokens>();

        // Assert
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=token-create]").HasAttribute("disabled")));
        Assert.Contains("(read-only)", cut.Markup, StringComparison.Ordinal);
    }
}
