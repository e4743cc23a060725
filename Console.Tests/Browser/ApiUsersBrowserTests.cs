using System.Text.RegularExpressions;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>API users clicked through in a real Chromium against the real product.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiUsersBrowserTests
{
    private const string Password = "Owner-Pass-42!";

    [Fact]
    public async Task AdminFlow_CreateRestrictedApiUserFromNavMenu_VerifierHonoursPasswordAndClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new RealServerFactory();
        factory.StartServer();
        var console = factory.ConsoleUri;
        await factory.Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "mobile-app", ClientName = "mobile-app", DisplayName = "Mobile", Password = Password, ConfirmPassword = Password, Note = "n" },
            Actor.System,
            ct);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.ToString() });
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);

        // Act: open the page from the navigation and create a user restricted to the client
        await page.ClickAsync(".mud-navmenu a[href='/api-users']");
        await page.WaitForURLAsync(new Regex("/api-users$"));
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid='api-user-new']");
        await page.WaitForURLAsync(new Regex("/api-users/new$"));
        await BrowserSession.WaitForInteractiveAsync(page);
        await BrowserSession.Field(page, "api-user-name").FillAsync("jane.doe");
        await BrowserSession.Field(page, "api-user-display-name").FillAsync("Jane Doe");
        await BrowserSession.Field(page, "api-user-password").FillAsync(Password);
        await BrowserSession.Field(page, "api-user-confirm-password").FillAsync(Password);
        await page.ClickAsync("[data-testid='api-user-clients']");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "mobile-app" }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.ClickAsync("[data-testid='api-user-save']");
        await page.WaitForURLAsync(new Regex(@"/api-users/\d+$"));

        // Assert
        await Assertions.Expect(page.Locator("[data-testid='api-user-clients']")).ToHaveTextAsync("mobile-app");
        await Assertions.Expect(page.Locator("[data-testid='api-user-status-text']")).ToHaveTextAsync("Enabled");
        var verifier = factory.Services.GetRequiredService<IResourceOwnerVerifier>();
        Assert.NotNull(await verifier.VerifyAsync("jane.doe", Password, "mobile-app", ct));
        Assert.Null(await verifier.VerifyAsync("jane.doe", Password, "other-app", ct));
    }
}
