using ApiManager.Admin.Components.Portal;
using ApiManager.Admin.Portal;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Portal;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Portal;

/// <summary>bUnit: the portal home shows the signed-in partner's client, quota and groups with their APIs.</summary>
public sealed class PortalHomeTests : AdminTestContext
{
    [Fact]
    public async Task Render_PartnerWithDirectAndScopedGroups_ShowsGroupsAndApis()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders-backend");
        var orders = await CreateApiAsync("orders", backend.Id, "/orders");
        var stock = await CreateApiAsync("stock", backend.Id, "/stock");
        var groups = Services.GetRequiredService<ApiGroupService>();
        var direct = await groups.CreateAsync(new ApiGroupInput { Name = "direct-group" }, Actor.System, Ct);
        await groups.AddApisAsync(direct.Id, [orders.Id], Actor.System, Ct);
        var scoped = await groups.CreateAsync(new ApiGroupInput { Name = "scoped-group" }, Actor.System, Ct);
        await groups.AddApisAsync(scoped.Id, [stock.Id], Actor.System, Ct);
        var scopes = Services.GetRequiredService<ApiScopeService>();
        var scope = await scopes.CreateAsync(new ApiScopeInput { Name = "stock:read" }, Actor.System, Ct);
        await scopes.AddGroupsAsync(scope.Id, [scoped.Id], Actor.System, Ct);
        var client = await CreatePartnerAsync(c => c with { ApiQuota = 5000, QuotaResetPeriod = QuotaResetPeriod.Monthly, TimeZoneId = "Europe/Berlin", ExpiryDate = new DateOnly(2027, 12, 31) });
        var security = Services.GetRequiredService<ClientSecurityService>();
        await security.AddGroupsAsync(client.Id, [direct.Id], Actor.System, Ct);
        await security.AddScopesAsync(client.Id, [scope.Id], Actor.System, Ct);
        SignInAsPartner(client);

        // Act
        var cut = Render<PortalHome>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Partner One", cut.Find("[data-testid=partner-display-name]").TextContent));
        Assert.Equal("partner-one", cut.Find("[data-testid=partner-profile-client-id]").TextContent);
        Assert.Equal("Enabled", cut.Find("[data-testid=partner-status]").TextContent);
        Assert.Equal("2027-12-31", cut.Find("[data-testid=partner-expiry]").TextContent);
        Assert.Equal("Europe/Berlin", cut.Find("[data-testid=partner-time-zone]").TextContent);
        Assert.Equal("5,000 calls", cut.Find("[data-testid=partner-quota]").TextContent);
        Assert.Equal("Monthly", cut.Find("[data-testid=partner-quota-reset]").TextContent);
        Assert.Equal("0 of 5,000 used this month, resets 2026-12-01 00:00 (Europe/Berlin)", cut.Find("[data-testid=partner-usage]").TextContent);
        Assert.Equal(["direct-group", "scoped-group"], cut.FindAll("[data-testid=partner-group-name]").Select(e => e.TextContent));
        Assert.Equal(["/orders", "/stock"], cut.FindAll("[data-testid=partner-api-path]").Select(e => e.TextContent));
        Assert.Contains("via scope stock:read", cut.FindAll("[data-testid=partner-group]")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PartnerWithoutGroups_SaysSoAndUnlimitedQuota()
    {
        // Arrange
        var client = await CreatePartnerAsync(c => c);
        SignInAsPartner(client);

        // Act
        var cut = Render<PortalHome>();

        // Assert
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=partner-no-groups]")));
        Assert.Equal("Unlimited", cut.Find("[data-testid=partner-quota]").TextContent);
        Assert.Equal("Any time", cut.Find("[data-testid=partner-service-time]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=partner-api]"));
    }

    [Fact]
    public void Render_AdminUserNotPartner_ShowsNoProfile()
    {
        // Arrange: the default signed-in user is the console administrator

        // Act
        var cut = Render<PortalHome>();

        // Assert
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=partner-missing]")));
        Assert.Empty(cut.FindAll("[data-testid=partner-display-name]"));
    }

    private async Task<ApiClient> CreatePartnerAsync(Func<ApiClientInput, ApiClientInput> customize)
    {
        var input = new ApiClientInput
        {
            ClientId = "partner-one",
            ClientName = "partner-one",
            DisplayName = "Partner One",
            Password = "Partner-pass-1",
            ConfirmPassword = "Partner-pass-1",
            Note = "bUnit partner",
        };
        return await Services.GetRequiredService<ApiClientService>().CreateAsync(customize(input), Actor.System, Ct);
    }

    private void SignInAsPartner(ApiClient client) =>
        Auth.SignIn(PartnerAuthentication.CreatePrincipal(new PartnerSignInResult(PartnerSignInStatus.Succeeded, client.Id, client.ClientId, client.DisplayName)));
}
