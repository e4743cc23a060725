using ApiManager.Admin.Components.Portal;
using ApiManager.Admin.Portal;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Portal;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Groups;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Portal;

/// <summary>bUnit: partners see their own X-Api-Keys on the portal home, masked, never the key.</summary>
public sealed class PortalXApiKeysTests : AdminTestContext
{
    [Fact]
    public async Task Render_PartnerWithKeys_ShowsOwnKeysMaskedOnly()
    {
        // Arrange
        var group = await Services.GetRequiredService<ApiGroupService>().CreateAsync(new ApiGroupInput { Name = "orders-group" }, Actor.System, Ct);
        var partner = await CreateClientAsync("partner-one", "Asia/Taipei");
        var other = await CreateClientAsync("partner-two", "UTC");
        var security = Services.GetRequiredService<ClientSecurityService>();
        await security.AddGroupsAsync(partner.Id, [group.Id], Actor.System, Ct);
        await security.AddGroupsAsync(other.Id, [group.Id], Actor.System, Ct);
        var keys = Services.GetRequiredService<XApiKeyService>();
        var mine = await keys.CreateAsync(partner.Id, new XApiKeyInput { Alias = "my-app", ExpiryDate = new DateOnly(2027, 3, 31), GroupIds = [group.Id] }, Actor.System, Ct);
        var theirs = await keys.CreateAsync(other.Id, new XApiKeyInput { Alias = "their-app", ExpiryDate = new DateOnly(2027, 3, 31), GroupIds = [group.Id] }, Actor.System, Ct);
        Auth.SignIn(PartnerAuthentication.CreatePrincipal(new PartnerSignInResult(PartnerSignInStatus.Succeeded, partner.Id, partner.ClientId, partner.DisplayName)));

        // Act
        var cut = Render<PortalHome>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["my-app"], cut.FindAll("[data-testid=partner-xapikey-alias]").Select(e => e.TextContent)));
        Assert.Equal(mine.XApiKey.Mask, cut.Find("[data-testid=partner-xapikey-mask]").TextContent);
        Assert.Equal("Active", cut.Find("[data-testid=partner-xapikey-state]").TextContent);
        Assert.Contains("2027-03-31 23:59", cut.Find("[data-testid=partner-xapikey]").TextContent, StringComparison.Ordinal);
        Assert.Contains("orders-group", cut.Find("[data-testid=partner-xapikey]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Key, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("their-app", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.XApiKey.Mask, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PartnerWithoutKeys_SaysSo()
    {
        // Arrange
        var partner = await CreateClientAsync("partner-one", "UTC");
        Auth.SignIn(PartnerAuthentication.CreatePrincipal(new PartnerSignInResult(PartnerSignInStatus.Succeeded, partner.Id, partner.ClientId, partner.DisplayName)));

        // Act
        var cut = Render<PortalHome>();

        // Assert
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=partner-no-xapikeys]")));
        Assert.Empty(cut.FindAll("[data-testid=partner-xapikey]"));
    }

    private Task<ApiClient> CreateClientAsync(string clientId, string timeZoneId) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput
            {
                ClientId = clientId,
                ClientName = clientId,
                DisplayName = clientId,
                Password = "Partner-pass-1",
                ConfirmPassword = "Partner-pass-1",
                Note = "bUnit partner",
                TimeZoneId = timeZoneId,
            },
            Actor.System,
            Ct);
}
