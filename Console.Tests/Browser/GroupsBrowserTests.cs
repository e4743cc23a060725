using System.Text.RegularExpressions;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>API groups and scopes clicked through in a real Chromium against the real product.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupsBrowserTests
{
    [Fact]
    public async Task AdminFlow_CreateGroupAtLevelBThenAddItToScope_PickerAndSelectsWork()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new RealServerFactory();
        factory.StartServer();
        var console = factory.ConsoleUri;
        var scope = await factory.Services.GetRequiredService<ApiScopeService>().CreateAsync(new ApiScopeInput { Name = "orders:read" }, Actor.System, ct);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.ToString() });
        var page = await context.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, "admin", RealServerFactory.AdminPassword);

        // Act: create a group at level B with a night window
        await page.GotoAsync(new Uri(console, "/groups/new").ToString());
        await BrowserSession.WaitForInteractiveAsync(page);
        await BrowserSession.Field(page, "group-name").FillAsync("night-batch");
        await page.ClickAsync("[data-testid='group-level']");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "B · Level B" }).First.ClickAsync();
        await BrowserSession.Field(page, "group-start").FillAsync("22:00");
        await BrowserSession.Field(page, "group-end").FillAsync("06:00");
        await page.ClickAsync("[data-testid='group-save']");
        await page.WaitForURLAsync(new Regex(@"/groups/\d+$"));

        // Act: add it to the scope through the picker
        await page.GotoAsync(new Uri(console, $"/scopes/{scope.Id}").ToString());
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid='scope-add-groups']");
        await page.Locator("[data-testid='group-picker'] tbody tr", new PageLocatorOptions { HasText = "night-batch" }).Locator("input[type='checkbox']").CheckAsync();
        await page.ClickAsync("[data-testid='group-picker-add']");

        // Assert
        await Assertions.Expect(page.Locator("[data-testid='scope-groups']")).ToContainTextAsync("night-batch");
        var groups = await factory.Services.GetRequiredService<ApiGroupService>().ListAsync(new PageRequest(), ct);
        var saved = Assert.Single(groups.Items);
        Assert.Equal(("B", new TimeOnly(22, 0), new TimeOnly(6, 0)), (saved.SecurityLevel!.Code, saved.AllowedStartTime!.Value, saved.AllowedEndTime!.Value));
        Assert.Equal([saved.Id], (await factory.Services.GetRequiredService<ApiScopeService>().FindAsync(scope.Id, ct))!.Groups.Select(g => g.ApiGroupId));
    }
}
