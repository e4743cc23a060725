using System.Text.RegularExpressions;
using ApiManager.Admin.Account;
using ApiManager.Admin.Data;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>The static server-rendered account pages (sign-in, lockout, change password, sign-out) in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountFlowBrowserTests(AccountBrowserFixture fixture) : IClassFixture<AccountBrowserFixture>
{
    private const string InvalidCredentials = "Invalid user name or password.";

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysOnLoginPage()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("wrongpw", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();

        // Act
        await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, "Not-The-Password-1!");

        // Assert
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(InvalidCredentials);
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("[data-testid='signed-in-user']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Login_UnknownUser_ShowsSameErrorAsWrongPassword()
    {
        // Arrange
        var page = await fixture.NewPageAsync();

        // Act
        await BrowserServerFixture.SubmitLoginAsync(page, "nobody-" + Guid.NewGuid().ToString("N"), BrowserServerFixture.UserPassword);

        // Assert
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(InvalidCredentials);
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Login_EmptyFields_AsksForUserNameAndPassword()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");

        // Act: the inputs are `required`, so post the form without the browser's own check
        await page.EvalOnSelectorAsync("form", "f => { f.noValidate = true; }");
        await page.ClickAsync("#login");

        // Assert
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("Enter your user name and password.");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksAccountEvenForRightPassword()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("locked", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();

        // Act: four failures are plain failures, the fifth locks
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, $"Wrong-Pass-{attempt}!");
            await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(InvalidCredentials);
        }

        await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, "Wrong-Pass-5!");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("locked");
        await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Assert
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(LockedMessage());
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>().FindByIdAsync(user.Id);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.NotNull(stored?.LockoutEnd);
        Assert.InRange(stored.LockoutEnd.Value - now, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Login_DisabledUser_IsRefused()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("disabled", AdminRoles.Administrator);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminUserService>()
                .SetDisabledAsync(user.Id, true, new Actor("admin", "console"), TestContext.Current.CancellationToken);
        }

        var page = await fixture.NewPageAsync();

        // Act
        await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Assert
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("This account is disabled. Ask an administrator to re-enable it.");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/backends");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Login_DisabledUserWrongPassword_DoesNotRevealDisabled()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("disabled", AdminRoles.Operator);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminUserService>()
                .SetDisabledAsync(user.Id, true, new Actor("admin", "console"), TestContext.Current.CancellationToken);
        }

        var page = await fixture.NewPageAsync();

        // Act
        await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, "Not-The-Password-1!");

        // Assert
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(InvalidCredentials);
    }

    [Fact]
    public async Task ChangePassword_BadInputs_ShowFieldErrorsAndKeepOldPassword()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("chpw", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Act + Assert: wrong current password
        await SubmitChangePasswordAsync(page, "Wrong-Current-1!", "Brand-New-Pass-1!", "Brand-New-Pass-1!");
        await Assertions.Expect(page.Locator("#current-password-error")).ToHaveTextAsync("The current password is wrong.");
        await Assertions.Expect(page.Locator("#change-password-done")).ToHaveCountAsync(0);

        // Act + Assert: confirmation differs
        await SubmitChangePasswordAsync(page, BrowserServerFixture.UserPassword, "Brand-New-Pass-1!", "Brand-New-Pass-2!");
        await Assertions.Expect(page.Locator("#confirm-password-error")).ToHaveTextAsync("The new password and its confirmation do not match.");
        await Assertions.Expect(page.Locator("#current-password-error")).ToHaveCountAsync(0);

        // Act + Assert: Identity's password rules
        await SubmitChangePasswordAsync(page, BrowserServerFixture.UserPassword, "short", "short");
        await Assertions.Expect(page.Locator("#new-password-error")).ToContainTextAsync("at least 8 characters");
        await Assertions.Expect(page.Locator("#change-password-done")).ToHaveCountAsync(0);

        // Assert: none of that changed the password
        var other = await fixture.NewPageAsync();
        await BrowserServerFixture.LoginAsync(other, user.UserName!, BrowserServerFixture.UserPassword);
        await Assertions.Expect(other.Locator("[data-testid='signed-in-user']")).ToHaveTextAsync(user.UserName!);
    }

    [Fact]
    public async Task ChangePassword_ValidChangeThenLogout_OldPasswordRefusedNewAccepted()
    {
        // Arrange
        const string newPassword = "Changed-Pass-77!";
        var user = await fixture.CreateUserAsync("chpw", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Act: change, then sign out with the layout's POST button
        await SubmitChangePasswordAsync(page, BrowserServerFixture.UserPassword, newPassword, newPassword);
        await Assertions.Expect(page.Locator("#change-password-done")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid='logout']");
        await page.WaitForURLAsync(LoginPathRegex());

        // Assert: signed out for real
        await page.GotoAsync("/backends");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);

        // Assert: old password refused, new one accepted
        await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(InvalidCredentials);
        await BrowserServerFixture.LoginAsync(page, user.UserName!, newPassword);
        await Assertions.Expect(page.Locator("[data-testid='signed-in-user']")).ToHaveTextAsync(user.UserName!);
    }

    [Fact]
    public async Task ChangePassword_Anonymous_RedirectsToLogin()
    {
        // Arrange
        var page = await fixture.NewPageAsync();

        // Act
        await page.GotoAsync("/account/change-password");

        // Assert
        var url = new Uri(page.Url);
        Assert.Equal("/account/login", url.AbsolutePath);
        Assert.Equal("/account/change-password", ReturnUrlOf(url));
    }

    [Fact]
    public async Task ProtectedPage_Anonymous_RedirectsToLoginThenBack()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("back", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();

        // Act
        await page.GotoAsync("/backends");
        var loginUrl = new Uri(page.Url);
        await page.FillAsync("#username", user.UserName!);
        await page.FillAsync("#password", BrowserServerFixture.UserPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        // Assert
        Assert.Equal("/account/login", loginUrl.AbsolutePath);
        Assert.Equal("/backends", ReturnUrlOf(loginUrl));
        var landed = new Uri(page.Url);
        Assert.Equal(fixture.ConsoleUri.Authority, landed.Authority);
        Assert.Equal("/backends", landed.AbsolutePath);
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1, h2, h3, h4, h5, h6").Filter(new LocatorFilterOptions { HasText = "Backends" }).First).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Login_OffSiteReturnUrl_LandsOnDashboard(string returnUrl)
    {
        // Arrange
        var user = await fixture.CreateUserAsync("redirect", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();
        var requestedHosts = new List<string>();
        page.Request += (_, request) => requestedHosts.Add(new Uri(request.Url).Host);

        // Act
        await BrowserServerFixture.SubmitLoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword, returnUrl);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

        // Assert
        var landed = new Uri(page.Url);
        Assert.Equal(fixture.ConsoleUri.Authority, landed.Authority);
        Assert.Equal("/", landed.AbsolutePath);
        Assert.DoesNotContain("evil.example", requestedHosts);
    }

    private static async Task SubmitChangePasswordAsync(IPage page, string current, string next, string confirm)
    {
        await page.GotoAsync("/account/change-password");
        await page.FillAsync("#current-password", current);
        await page.FillAsync("#new-password", next);
        await page.FillAsync("#confirm-password", confirm);
        await page.ClickAsync("#change-password");
    }

    private static string? ReturnUrlOf(Uri loginUrl)
    {
        var query = QueryHelpers.ParseQuery(loginUrl.Query);
        var match = query.FirstOrDefault(q => string.Equals(q.Key, "returnUrl", StringComparison.OrdinalIgnoreCase));
        return match.Key is null ? null : match.Value.ToString();
    }

    [GeneratedRegex(@"/account/login(\?.*)?$")]
    private static partial Regex LoginPathRegex();

    [GeneratedRegex(@"^This account is locked until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC after too many failed sign-ins\.$")]
    private static partial Regex LockedMessage();
}
