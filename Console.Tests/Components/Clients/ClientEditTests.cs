using ApiManager.Admin.Components.Pages.Clients;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Clients;

public sealed class ClientEditTests : AdminTestContext
{
    [Fact]
    public void Render_New_ShowsDefaultsAndPasswordFields()
    {
        // Act
        var cut = Render<ClientEdit>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("10", cut.Find("[data-testid=client-tps]").GetAttribute("value")));
        Assert.Equal("5", cut.Find("[data-testid=client-priority]").GetAttribute("value"));
        Assert.Equal("0", cut.Find("[data-testid=client-api-quota]").GetAttribute("value"));
        Assert.NotEmpty(cut.FindAll("[data-testid=client-password]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=client-confirm-password]"));
    }

    [Fact]
    public async Task Save_ValidClient_CreatesItAndOpensDetails()
    {
        // Arrange
        var cut = Render<ClientEdit>();
        cut.WaitForElement("[data-testid=client-id]");
        Fill(cut, "partner@corp", "partner", "pw-1", "pw-1");
        await cut.Find("[data-testid=client-ip-add]").ClickAsync(new());
        cut.Find("[data-testid=client-ip-host-0]").Change("app.example.com");
        cut.Find("[data-testid=client-ip-address-0]").Change("10.0.0.0/8");

        // Act
        await cut.Find("[data-testid=client-save]").ClickAsync(new());

        // Assert
        var list = await Services.GetRequiredService<ApiClientService>().ListAsync(new PageRequest(), null, Ct);
        var saved = Assert.Single(list.Items);
        Assert.Equal(("partner@corp", "partner", "Partner display"), (saved.ClientId, saved.ClientName, saved.DisplayName));
        var found = await Services.GetRequiredService<ApiClientService>().FindAsync(saved.Id, Ct);
        Assert.Equal(["10.0.0.0/8"], found!.IpBindings.Select(b => b.IpAddress));
        Assert.True(Services.GetRequiredService<ClientPasswordHasher>().Verify(found.PasswordHash, "pw-1"));
        Assert.Equal($"/clients/{saved.Id}", CurrentPath);
    }

    [Fact]
    public async Task Save_PasswordMismatch_ShowsErrorNextToConfirm()
    {
        // Arrange
        var cut = Render<ClientEdit>();
        cut.WaitForElement("[data-testid=client-id]");
        Fill(cut, "c1", "c1", "one", "two");

        // Act
        await cut.Find("[data-testid=client-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("The passwords do not match.", FieldErrorOf(cut, "client-confirm-password")));
        Assert.Equal("", FieldErrorOf(cut, "client-password"));
        Assert.Equal("", FieldErrorOf(cut, "client-id"));
        Assert.Equal(0, (await Services.GetRequiredService<ApiClientService>().ListAsync(new PageRequest(), null, Ct)).Total);
    }

    [Fact]
    public async Task Save_BadFields_ShowsEachErrorNextToItsField()
    {
        // Arrange
        var cut = Render<ClientEdit>();
        cut.WaitForElement("[data-testid=client-id]");
        Fill(cut, "bad id", "bad.name", "pw", "pw");
        cut.Find("[data-testid=client-priority]").Change("12");
        cut.Find("[data-testid=client-emails]").Change("a@example.com, nope");
        await cut.Find("[data-testid=client-ip-add]").ClickAsync(new());
        cut.Find("[data-testid=client-ip-host-0]").Change("bad host!");
        cut.Find("[data-testid=client-ip-address-0]").Change("10.0.0");

        // Act
        await cut.Find("[data-testid=client-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("Client ID may hold", FieldErrorOf(cut, "client-id"), StringComparison.Ordinal));
        Assert.StartsWith("Client name may hold", FieldErrorOf(cut, "client-name"), StringComparison.Ordinal);
        Assert.StartsWith("Priority must be", FieldErrorOf(cut, "client-priority"), StringComparison.Ordinal);
        Assert.Equal("'nope' is not a valid email address.", FieldErrorOf(cut, "client-emails"));
        Assert.Equal("'bad host!' is not a valid host name.", FieldErrorOf(cut, "client-ip-host-0"));
        Assert.StartsWith("'10.0.0' is not an IPv4", FieldErrorOf(cut, "client-ip-address-0"), StringComparison.Ordinal);
        Assert.Equal("", FieldErrorOf(cut, "client-display-name"));
        Assert.Empty(cut.FindAll(".mud-alert-filled-error, .mud-alert-text-error"));
    }

    [Fact]
    public async Task Render_Edit_LoadsClientWithoutPasswordFields()
    {
        // Arrange
        var client = await Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = "edit-me", ClientName = "edit-me", DisplayName = "Edit me", Password = "p", ConfirmPassword = "p", Note = "n", Priority = 2 },
            SeedActor, Ct);

        // Act
        var cut = Render<ClientEdit>(p => p.Add(c => c.Id, client.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("edit-me", cut.Find("[data-testid=client-id]").GetAttribute("value")));
        Assert.Equal("2", cut.Find("[data-testid=client-priority]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=client-password]"));
    }

    [Fact]
    public void Render_Operator_SaveDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<ClientEdit>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=client-save]").HasAttribute("disabled")));
        Assert.NotEmpty(cut.FindAll("[data-testid=read-only-note]"));
    }

    private static void Fill(IRenderedComponent<ClientEdit> cut, string clientId, string clientName, string password, string confirm)
    {
        cut.Find("[data-testid=client-id]").Change(clientId);
        cut.Find("[data-testid=client-name]").Change(clientName);
        cut.Find("[data-testid=client-display-name]").Change("Partner display");
        cut.Find("[data-testid=client-password]").Change(password);
        cut.Find("[data-testid=client-confirm-password]").Change(confirm);
        cut.Find("[data-testid=client-note]").Change("note");
    }
}
