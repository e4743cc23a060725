using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApiManager.Admin.Account;
using ApiManager.Gateway.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>What the Operator role may and may not do, in a real Chromium and over the real console listener.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleBrowserTests(RoleBrowserFixture fixture) : IClassFixture<RoleBrowserFixture>
{
    [Fact]
    public async Task Operator_SignsIn_SeesOperatorChipAndNoAdminUsersLink()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("op", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();

        // Act
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Assert
        await Assertions.Expect(page.Locator("[data-testid='signed-in-user']")).ToHaveTextAsync(user.UserName!);
        await Assertions.Expect(page.Locator("[data-testid='role-chip']")).ToHaveTextAsync(AdminRoles.Operator);
        await Assertions.Expect(page.Locator("nav a[href='/backends'], .mud-navmenu a[href='/backends']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("a[href='/admin-users']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Administrator_SignsIn_SeesAdministratorChipAndAdminUsersLink()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("adm", AdminRoles.Administrator);
        var page = await fixture.NewPageAsync();

        // Act
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Assert
        await Assertions.Expect(page.Locator("[data-testid='role-chip']")).ToHaveTextAsync(AdminRoles.Administrator);
        await Assertions.Expect(page.Locator("a[href='/admin-users']")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(AdminRoles.Operator, false)]
    [InlineData(AdminRoles.Administrator, true)]
    public async Task BackendsPage_ByRole_NewBackendEnabledOnlyForAdministrator(string role, bool enabled)
    {
        // Arrange
        var user = await fixture.CreateUserAsync("nb", role);
        var page = await fixture.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Act
        await page.GotoAsync("/backends");
        await BrowserSession.WaitForInteractiveAsync(page);

        // Assert
        var button = page.Locator("[data-testid='backend-new']");
        await Assertions.Expect(button).ToBeVisibleAsync();
        if (enabled)
        {
            await Assertions.Expect(button).ToBeEnabledAsync();
        }
        else
        {
            await Assertions.Expect(button).ToBeDisabledAsync();
        }
    }

    [Fact]
    public async Task Operator_OpensAdminUsersUrl_GetsAccessDenied()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("op", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Act
        var response = await page.GotoAsync("/admin-users");

        // Assert
        Assert.NotNull(response);
        Assert.Equal("/account/access-denied", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        await Assertions.Expect(page.Locator("[data-testid='admin-user-new']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Operator_NavigatesToAdminUsersInsideCircuit_SeesNotAllowed()
    {
        // Arrange
        var user = await fixture.CreateUserAsync("op", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);

        // Act: client-side navigation, no new HTTP request
        await page.EvaluateAsync("() => Blazor.navigateTo('/admin-users')");
        await page.WaitForURLAsync(url => url.EndsWith("/admin-users", StringComparison.Ordinal));

        // Assert
        await Assertions.Expect(page.GetByText("You are not allowed to open this page.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='admin-user-new']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OperatorToken_AdminApiOnConsoleListener_ReadsButCannotWrite()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await fixture.CreateUserAsync("optoken", AdminRoles.Operator);
        string token;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccessTokenService>()
                .CreateAsync(user.Id, "ci", null, new Actor(user.UserName!, "console"), ct);
            token = created.Value;
        }

        using var http = new HttpClient { BaseAddress = fixture.ConsoleUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var name = "op-write-" + Guid.NewGuid().ToString("N")[..8];

        // Act
        using var read = await http.GetAsync("/admin/api/v1/backends", ct);
        using var write = await http.PostAsJsonAsync("/admin/api/v1/backends", new { name, protocol = "http", host = "127.0.0.1", port = 9000 }, ct);
        using var readAgain = await http.GetAsync("/admin/api/v1/backends?q=" + name, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readAgain.StatusCode);
        using var page = JsonDocument.Parse(await readAgain.Content.ReadAsStringAsync(ct));
        Assert.Equal(0, page.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AdministratorToken_AdminApiOnConsoleListener_CanWrite()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await fixture.CreateUserAsync("admtoken", AdminRoles.Administrator);
        string token;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccessTokenService>()
                .CreateAsync(user.Id, "ci", null, new Actor(user.UserName!, "console"), ct);
            token = created.Value;
        }

        using var http = new HttpClient { BaseAddress = fixture.ConsoleUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var name = "adm-write-" + Guid.NewGuid().ToString("N")[..8];

        // Act
        using var write = await http.PostAsJsonAsync("/admin/api/v1/backends", new { name, protocol = "http", host = "127.0.0.1", port = 9000 }, ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
    }

    [Fact]
    public async Task SignedInUser_DisabledByAdministrator_NextRequestGoesToLogin()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var user = await fixture.CreateUserAsync("victim", AdminRoles.Operator);
        var page = await fixture.NewPageAsync();
        await BrowserServerFixture.LoginAsync(page, user.UserName!, BrowserServerFixture.UserPassword);
        await page.GotoAsync("/backends");
        Assert.Equal("/backends", new Uri(page.Url).AbsolutePath);

        // Act
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminUserService>().SetDisabledAsync(user.Id, true, new Actor("admin", "console"), ct);
        }

        await page.ReloadAsync();

        // Assert
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/backends");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }
}
