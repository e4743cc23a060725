using ApiManager.Admin.Components.Pages.OAuth;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Credentials.OAuth;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.OAuth;

public sealed class SigningKeysPageTests : AdminTestContext
{
    [Fact]
    public void Render_FirstStart_ShowsOneActiveRs256Key()
    {
        // Arrange / Act
        var cut = Render<SigningKeys>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["Active"], cut.FindAll("[data-testid=key-status]").Select(c => c.TextContent.Trim())));
        Assert.Contains("RS256", cut.Find("[data-testid=keys-table]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", cut.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rotate_MakesNewActiveKeyAndRetiresOldOneNotYetRemovable()
    {
        // Arrange
        var cut = Render<SigningKeys>();
        cut.WaitForElement("[data-testid=key-status]");

        // Act
        await cut.Find("[data-testid=rotate-key]").ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid=keys-message]");
        cut.WaitForAssertion(() => Assert.Equal(["Active", "Retired"], cut.FindAll("[data-testid=key-status]").Select(c => c.TextContent.Trim())));
        Assert.True(cut.Find("[data-testid=key-remove]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Remove_RetiredLongEnough_RemovesAfterConfirmation()
    {
        // Arrange
        var keys = Services.GetRequiredService<SigningKeyService>();
        await keys.RotateAsync(OAuthKeyAlgorithm.ES256, SeedActor, Ct);
        Time.Advance(TimeSpan.FromHours(2));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<SigningKeys>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=key-remove]").HasAttribute("disabled")));
        _ = cut.Find("[data-testid=key-remove]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Removed", cut.FindAll("[data-testid=key-status]").Select(c => c.TextContent.Trim())));
        Assert.Contains((await keys.ListAsync(Ct)), k => k.Status == OAuthKeyStatus.Removed);
    }

    [Fact]
    public void Render_Operator_RotateDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<SigningKeys>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=rotate-key]").HasAttribute("disabled")));
    }
}
