using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiManager.Admin.Components.Portal;
using ApiManager.Admin.Portal;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>The partner portal in a real Chromium against the real product and gateway.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalBrowserTests
{
    private const string ClientId = "partner-orders";
    private const string OldPassword = "Old-partner-pass1";
    private const string NewPassword = "New-partner-pass2";

    [Fact]
    public async Task PartnerFlow_LoginSeeApiChangePassword_GatewayRefusesOldPasswordAndAdminAreasStayClosed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory();
        factory.StartServer();
        var services = factory.Services;
        var backendRow = await services.GetRequiredService<BackendService>().CreateAsync(new BackendInput { Name = "orders-backend", Host = "127.0.0.1", Port = backend.Port }, Actor.System, ct);
        var api = await services.GetRequiredService<ApiService>().CreateAsync(
            new ApiInput { Name = "orders", DisplayName = "Orders", Path = "/orders", Methods = ["GET"], BackendId = backendRow.Id },
            Actor.System,
            ct);
        var group = await services.GetRequiredService<ApiGroupService>().CreateAsync(new ApiGroupInput { Name = "partner-apis" }, Actor.System, ct);
        await services.GetRequiredService<ApiGroupService>().AddApisAsync(group.Id, [api.Id], Actor.System, ct);
        var client = await services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = ClientId, ClientName = "partner-orders", DisplayName = "Orders Partner Ltd", Password = OldPassword, ConfirmPassword = OldPassword, Note = "portal test" },
            Actor.System,
            ct);
        await services.GetRequiredService<ClientSecurityService>().AddGroupsAsync(client.Id, [group.Id], Actor.System, ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var ordersUri = new Uri(factory.GatewayUri, "/orders");
        await WaitForGatewayAsync(http, ordersUri, OldPassword, HttpStatusCode.OK, ct);
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.ConsoleUri.ToString() });
        var page = await context.NewPageAsync();

        // Act: sign in (the portal sends anonymous visitors to its own login)
        await page.GotoAsync("/portal");
        await page.WaitForURLAsync(url => url.Contains("/portal/login", StringComparison.Ordinal));
        await page.FillAsync("#clientId", ClientId);
        await page.FillAsync("#password", OldPassword);
        await page.ClickAsync("#portal-login");
        await page.WaitForURLAsync(url => url.EndsWith("/portal", StringComparison.Ordinal));

        // Assert: the API of its group is listed
        await Assertions.Expect(page.Locator("[data-testid='partner-display-name']")).ToHaveTextAsync("Orders Partner Ltd");
        await Assertions.Expect(page.Locator("[data-testid='partner-group-name']")).ToContainTextAsync("partner-apis");
        await Assertions.Expect(page.Locator("[data-testid='partner-api-path']")).ToHaveTextAsync("/orders");

        // Act: change the password
        await page.GotoAsync("/portal/change-password");
        await page.FillAsync("#currentPassword", OldPassword);
        await page.FillAsync("#newPassword", NewPassword);
        await page.FillAsync("#confirmPassword", NewPassword);
        await page.ClickAsync("#portal-change-password");

        // Assert: changed, and the gateway follows
        await Assertions.Expect(page.Locator("#portal-password-changed")).ToBeVisibleAsync();
        await WaitForGatewayAsync(http, ordersUri, OldPassword, HttpStatusCode.Unauthorized, ct);
        Assert.Equal(HttpStatusCode.OK, (await CallGatewayAsync(http, ordersUri, NewPassword, ct)).StatusCode);

        // Assert: the partner cookie opens no console page and no admin API call
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == PartnerAuthentication.CookieName);
        Assert.Equal(PartnerAuthentication.BasePath, cookie.Path);
        await page.GotoAsync("/backends");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        var consolePage = await SendWithCookieAsync(http, new Uri(factory.ConsoleUri, "/backends"), cookie.Value, ct);
        Assert.Equal(HttpStatusCode.Redirect, consolePage.StatusCode);
        Assert.Contains("/account/login", consolePage.Headers.Location!.ToString(), StringComparison.Ordinal);
        var adminApi = await SendWithCookieAsync(http, new Uri(factory.ConsoleUri, "/admin/api/v1/backends"), cookie.Value, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, adminApi.StatusCode);
        var portalHome = await SendWithCookieAsync(http, new Uri(factory.ConsoleUri, "/portal"), cookie.Value, ct);
        Assert.Equal(HttpStatusCode.OK, portalHome.StatusCode);

        // Assert: disabling the client ends its portal session
        var clients = services.GetRequiredService<ApiClientService>();
        var current = (await clients.FindAsync(client.Id, ct))!;
        await clients.UpdateAsync(client.Id, ApiClientInput.From(current) with { Status = ClientStatus.Disabled }, Actor.System, ct);
        var afterDisable = await SendWithCookieAsync(http, new Uri(factory.ConsoleUri, "/portal"), cookie.Value, ct);
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.Contains(PartnerAuthentication.LoginPath, afterDisable.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerFlow_WrongPasswordsOneTimePasswordResetAndLockout_OldPasswordKeptUntilForcedChangeAndGatewaySeesLock()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await EchoBackend.StartAsync(ct);
        await using var factory = new RealServerFactory();
        factory.StartServer();
        var services = factory.Services;
        var backendRow = await services.GetRequiredService<BackendService>().CreateAsync(new BackendInput { Name = "orders-backend", Host = "127.0.0.1", Port = backend.Port }, Actor.System, ct);
        var api = await services.GetRequiredService<ApiService>().CreateAsync(
            new ApiInput { Name = "orders", DisplayName = "Orders", Path = "/orders", Methods = ["GET"], BackendId = backendRow.Id },
            Actor.System,
            ct);
        var group = await services.GetRequiredService<ApiGroupService>().CreateAsync(new ApiGroupInput { Name = "partner-apis" }, Actor.System, ct);
        await services.GetRequiredService<ApiGroupService>().AddApisAsync(group.Id, [api.Id], Actor.System, ct);
        var client = await services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = ClientId, ClientName = "partner-orders", DisplayName = "Orders Partner Ltd", Password = OldPassword, ConfirmPassword = OldPassword, Note = "portal test", Emails = "partner@example.test" },
            Actor.System,
            ct);
        await services.GetRequiredService<ClientSecurityService>().AddGroupsAsync(client.Id, [group.Id], Actor.System, ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var ordersUri = new Uri(factory.GatewayUri, "/orders");
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.ConsoleUri.ToString() });
        var page = await context.NewPageAsync();

        // Act + Assert: unknown client and wrong password get the same message
        await SubmitPortalLoginAsync(page, "nobody", OldPassword);
        await Assertions.Expect(page.Locator("#portal-login-error")).ToHaveTextAsync(PortalLogin.InvalidMessage);
        await SubmitPortalLoginAsync(page, ClientId, "wrong-1");
        await Assertions.Expect(page.Locator("#portal-login-error")).ToHaveTextAsync(PortalLogin.InvalidMessage);

        // Act + Assert: reset requests answer the same for unknown and known clients, and for a repeated request
        // (throttled); the known client gets exactly one mail
        foreach (var who in new[] { "nobody", ClientId, ClientId })
        {
            await page.GotoAsync("/portal/reset-password");
            await page.FillAsync("#clientId", who);
            await page.ClickAsync("#portal-reset");
            await Assertions.Expect(page.Locator("#portal-reset-done")).ToHaveTextAsync(PortalResetPassword.NeutralMessage);
        }

        var oneTimePassword = await ReadOneTimePasswordAsync(services, ct);

        // Act + Assert: the request changed nothing: the old password still works at the gateway
        await WaitForGatewayAsync(http, ordersUri, OldPassword, HttpStatusCode.OK, ct);

        // Act + Assert: the one-time password signs in (count reset) but only to the forced password change
        await SubmitPortalLoginAsync(page, ClientId, oneTimePassword);
        await page.WaitForURLAsync(url => url.Contains("/portal/change-password", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#portal-must-change")).ToHaveTextAsync(PortalChangePassword.MustChangeMessage);
        await Assertions.Expect(page.Locator("#currentPassword")).ToHaveCountAsync(0);
        Assert.Equal(0, (await services.GetRequiredService<ApiClientService>().FindAsync(client.Id, ct))!.FailedAttempts);
        await page.GotoAsync("/portal");
        await page.WaitForURLAsync(url => url.Contains("/portal/change-password", StringComparison.Ordinal));

        // Act + Assert: setting the new password ends the forced change; the new password works at the gateway
        await page.FillAsync("#newPassword", NewPassword);
        await page.FillAsync("#confirmPassword", NewPassword);
        await page.ClickAsync("#portal-change-password");
        await Assertions.Expect(page.Locator("#portal-password-changed")).ToBeVisibleAsync();
        await page.GotoAsync("/portal");
        await page.WaitForURLAsync(url => url.EndsWith("/portal", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid='partner-client-id']")).ToHaveTextAsync(ClientId);
        await WaitForGatewayAsync(http, ordersUri, NewPassword, HttpStatusCode.OK, ct);
        await page.ClickAsync("[data-testid='partner-logout']");
        await page.WaitForURLAsync(url => url.Contains("/portal/login", StringComparison.Ordinal));

        // Act + Assert: the used one-time password and the old password are refused; the new one signs in
        await SubmitPortalLoginAsync(page, ClientId, oneTimePassword);
        await Assertions.Expect(page.Locator("#portal-login-error")).ToHaveTextAsync(PortalLogin.InvalidMessage);
        await SubmitPortalLoginAsync(page, ClientId, OldPassword);
        await Assertions.Expect(page.Locator("#portal-login-error")).ToHaveTextAsync(PortalLogin.InvalidMessage);
        await SubmitPortalLoginAsync(page, ClientId, NewPassword);
        await page.WaitForURLAsync(url => url.EndsWith("/portal", StringComparison.Ordinal));
        Assert.Equal(0, (await services.GetRequiredService<ApiClientService>().FindAsync(client.Id, ct))!.FailedAttempts);
        await page.ClickAsync("[data-testid='partner-logout']");
        await page.WaitForURLAsync(url => url.Contains("/portal/login", StringComparison.Ordinal));
        await page.GotoAsync("/portal");
        await page.WaitForURLAsync(url => url.Contains("/portal/login", StringComparison.Ordinal));

        // Act + Assert: three wrong passwords lock the client, in the portal and at the gateway
        await SubmitPortalLoginAsync(page, ClientId, "wrong-1");
        await SubmitPortalLoginAsync(page, ClientId, "wrong-2");
        await Assertions.Expect(page.Locator("#portal-login-error")).ToHaveTextAsync(PortalLogin.InvalidMessage);
        await SubmitPortalLoginAsync(page, ClientId, "wrong-3");
        await Assertions.Expect(page.Locator("#portal-login-error")).ToHaveTextAsync(PortalLogin.LockedMessage);
        await SubmitPortalLoginAsync(page, ClientId, NewPassword);
        await Assertions.Expect(page.Locator("#portal-login-error")).ToHaveTextAsync(PortalLogin.LockedMessage);
        Assert.Equal(ClientStatus.Locked, (await services.GetRequiredService<ApiClientService>().FindAsync(client.Id, ct))!.Status);
        await WaitForGatewayAsync(http, ordersUri, NewPassword, HttpStatusCode.Unauthorized, ct);
    }

    private static async Task SubmitPortalLoginAsync(IPage page, string clientId, string password)
    {
        await page.GotoAsync("/portal/login");
        await page.FillAsync("#clientId", clientId);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#portal-login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task<string> ReadOneTimePasswordAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        var mail = await db.OutboxMails.AsNoTracking().SingleAsync(ct);
        Assert.Equal("partner@example.test", mail.To);
        const string prefix = "One-time password: ";
        var line = mail.Body.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..].Trim();
    }

    private static Task<HttpResponseMessage> CallGatewayAsync(HttpClient http, Uri uri, string password, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{password}")));
        return http.SendAsync(request, ct);
    }

    private static async Task WaitForGatewayAsync(HttpClient http, Uri uri, string password, HttpStatusCode expected, CancellationToken ct)
    {
        var last = HttpStatusCode.InternalServerError;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await CallGatewayAsync(http, uri, password, ct);
            last = response.StatusCode;
            if (last == expected)
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        Assert.Fail($"The gateway kept answering {last} instead of {expected}.");
    }

    private static Task<HttpResponseMessage> SendWithCookieAsync(HttpClient http, Uri uri, string cookieValue, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("Cookie", $"{PartnerAuthentication.CookieName}={cookieValue}");
        request.Headers.Accept.ParseAdd("text/html");
        return http.SendAsync(request, ct);
    }
}
