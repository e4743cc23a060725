using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Clients;

public sealed class ClientListTests : AdminTestContext
{
    [Fact]
    public async Task Render_Clients_ListsAllByDefault_SearchFilters()
    {
        // Arrange
        await CreateClientAsync("billing-app", ClientStatus.Enabled);
        await CreateClientAsync("orders-app", ClientStatus.Locked);
        var cut = Render<ClientList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=client-row-id]").Count));

        // Act
        cut.Find("[data-testid=list-search]").Input("bill");
        Time.Advance(TimeSpan.FromMilliseconds(SearchBox.DebounceMilliseconds + 1));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["billing-app"], cut.FindAll("[data-testid=client-row-id]").Select(a => a.TextContent)));
    }

    [Fact]
    public async Task StatusFilter_Locked_ShowsOnlyLockedClients()
    {
        // Arrange
        await CreateClientAsync("billing-app", ClientStatus.Enabled);
        await CreateClientAsync("orders-app", ClientStatus.Locked);
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<ClientList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=client-row-id]").Count));

        // Act
        await cut.Find("[data-testid=client-status-filter]").Closest(".mud-select")!.MouseDownAsync(new());
        var locked = popovers.WaitForElements(".mud-list-item").First(i => i.TextContent.Trim() == "Locked");
        await locked.ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["orders-app"], cut.FindAll("[data-testid=client-row-id]").Select(a => a.TextContent)));
    }

    [Fact]
    public void Render_Empty_ShowsNoRecordsAndOperatorCannotCreate()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<ClientList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No API clients yet.", cut.Find("[data-testid=no-records]").TextContent));
        Assert.True(cut.Find("[data-testid=client-new]").HasAttribute("disabled"));
    }

    private Task<ApiClient> CreateClientAsync(string clientId, ClientStatus status) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = clientId, ClientName = clientId, DisplayName = clientId, Password = "pw", ConfirmPassword = "pw", Note = "n", Status = status },
            SeedActor, Ct);
}
