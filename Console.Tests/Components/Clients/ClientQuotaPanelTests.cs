using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Traffic;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Clients;

/// <summary>bUnit: the live API quota usage on the client details page and its reset button.</summary>
public sealed class ClientQuotaPanelTests : AdminTestContext
{
    [Fact]
    public async Task Render_ClientWithUsage_ShowsUsedOfQuotaAndLocalReset()
    {
        // Arrange: the fake clock is 2026-11-22 12:00 UTC = 20:00 in Taipei.
        var client = await CreateClientAsync("counted", 100);
        await ConsumeAsync(client.ClientId, 12);

        // Act
        var cut = Render<ClientDetails>(p => p.Add(x => x.Id, client.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(
            "12 of 100 used this day, resets 2026-11-23 00:00 (Asia/Taipei)",
            cut.Find("[data-testid=client-quota] [data-testid=quota-usage]").TextContent));
    }

    [Fact]
    public async Task Render_UnlimitedClient_SaysUnlimitedAndResetDisabled()
    {
        // Arrange
        var client = await CreateClientAsync("free", 0);

        // Act
        var cut = Render<ClientDetails>(p => p.Add(x => x.Id, client.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Unlimited", cut.Find("[data-testid=client-quota] [data-testid=quota-usage]").TextContent));
        Assert.True(cut.Find("[data-testid=quota-reset]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Reset_Confirmed_StartsAgainFromZero()
    {
        // Arrange
        var client = await CreateClientAsync("reset", 5);
        await ConsumeAsync(client.ClientId, 5);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ClientDetails>(p => p.Add(x => x.Id, client.Id));
        cut.WaitForAssertion(() => Assert.StartsWith("5 of 5", cut.Find("[data-testid=client-quota] [data-testid=quota-usage]").TextContent, StringComparison.Ordinal));
        _ = cut.Find("[data-testid=quota-reset]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("again from zero", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));

        // Act
        await ClickDialogButtonAsync(dialogs, "Reset");

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("0 of 5", cut.Find("[data-testid=client-quota] [data-testid=quota-usage]").TextContent, StringComparison.Ordinal));
        var usage = await Services.GetRequiredService<ClientQuotaService>().GetAsync(client.ClientId, Ct);
        Assert.Equal(0, usage.Used);
    }

    [Fact]
    public async Task Render_Operator_ResetDisabled()
    {
        // Arrange
        var client = await CreateClientAsync("operator-view", 5);
        SignInAsOperator();

        // Act
        var cut = Render<ClientDetails>(p => p.Add(x => x.Id, client.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("0 of 5", cut.Find("[data-testid=client-quota] [data-testid=quota-usage]").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid=quota-reset]").HasAttribute("disabled"));
    }

    private async Task ConsumeAsync(string clientId, int calls)
    {
        var provider = Services.GetRequiredService<DbProxyConfigProvider>();
        await provider.RebuildAsync(Ct);
        Assert.True(provider.Current!.Clients.TryGet(clientId, out var entry));
        var counter = Services.GetRequiredService<ClientQuotaCounter>();
        for (var i = 0; i < calls; i++)
        {
            Assert.Null(counter.Consume(new DefaultHttpContext(), entry));
        }
    }

    private Task<ApiClient> CreateClientAsync(string clientId, long quota) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput
            {
                ClientId = clientId,
                ClientName = clientId,
                DisplayName = clientId,
                Password = "pw",
                ConfirmPassword = "pw",
                Note = "n",
                ApiQuota = quota,
                QuotaResetPeriod = QuotaResetPeriod.Daily,
                TimeZoneId = "Asia/Taipei",
            },
            SeedActor,
            Ct);
}
