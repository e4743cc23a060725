using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Clients;

public sealed class ClientDetailsTests : AdminTestContext
{
    [Fact]
    public async Task Render_Client_ShowsFieldsWithoutPassword()
    {
        // Arrange
        var client = await CreateClientAsync("shown", "a@example.com", [new() { HostName = "h.example.com", IpAddress = "10.0.0.1" }]);

        // Act
        var cut = Render<ClientDetails>(p => p.Add(x => x.Id, client.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("shown", cut.Find("[data-testid=client-id]").TextContent));
        Assert.Equal("D", cut.Find("[data-testid=client-level]").TextContent);
        Assert.Equal("a@example.com", cut.Find("[data-testid=client-emails]").TextContent);
        Assert.Contains("10.0.0.1", cut.Find("[data-testid=client-ip-bindings]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Confirmed_DeletesAndReturnsToList()
    {
        // Arrange
        var client = await CreateClientAsync("gone", null, []);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ClientDetails>(p => p.Add(x => x.Id, client.Id));
        cut.WaitForElement("[data-testid=client-delete]");
        _ = cut.Find("[data-testid=client-delete]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Confirm delete?", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("/clients", CurrentPath));
        Assert.Null(await Services.GetRequiredService<ApiClientService>().FindAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Render_Operator_EditAndDeleteDisabled()
    {
        // Arrange
        var client = await CreateClientAsync("ro", null, []);
        SignInAsOperator();

        // Act
        var cut = Render<ClientDetails>(p => p.Add(x => x.Id, client.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=client-delete]").HasAttribute("disabled")));
        Assert.True(cut.Find("[data-testid=client-edit]").HasAttribute("disabled"));
    }

    private Task<ApiClient> CreateClientAsync(string clientId, string? emails, IReadOnlyList<ClientIpBindingInput> bindings) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = clientId, ClientName = clientId, DisplayName = clientId, Password = "pw", ConfirmPassword = "pw", Note = "n", Emails = emails, IpBindings = bindings },
            SeedActor, Ct);
}
