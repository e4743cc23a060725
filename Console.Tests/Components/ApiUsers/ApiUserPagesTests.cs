using ApiManager.Admin.Components.Pages.ApiUsers;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.ApiUsers;

public sealed class ApiUserPagesTests : AdminTestContext
{
    private const string Password = "Corr3ct horse!";

    private ApiUserService Users => Services.GetRequiredService<ApiUserService>();

    [Fact]
    public async Task List_Users_ShowsStatusAndClients()
    {
        // Arrange
        await CreateClientAsync("app-one");
        await CreateUserAsync("alice", "app-one");
        var bob = await CreateUserAsync("bob");
        await Users.DisableAsync(bob.Id, SeedActor, Ct);

        // Act
        var cut = Render<ApiUserList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["alice", "bob"], cut.FindAll("[data-testid=api-user-row-name]").Select(e => e.TextContent)));
        var rows = cut.FindAll("tbody tr");
        Assert.Contains("app-one", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Enabled", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Any client", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Disabled", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void List_NoUsers_SaysSoAndOperatorCannotCreate()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<ApiUserList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No API users yet.", cut.Find("[data-testid=no-records]").TextContent));
        Assert.True(cut.Find("[data-testid=api-user-new]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Edit_NewWithBadInput_ShowsErrorsNextToFields()
    {
        // Arrange
        var cut = Render<ApiUserEdit>();
        cut.WaitForElement("[data-testid=api-user-name]");
        cut.Find("[data-testid=api-user-name]").Change("a b");
        cut.Find("[data-testid=api-user-email]").Change("not-an-email");
        cut.Find("[data-testid=api-user-password]").Change("short");
        cut.Find("[data-testid=api-user-confirm-password]").Change("other");

        // Act
        await cut.Find("[data-testid=api-user-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("letters, digits", FieldErrorOf(cut, "api-user-name"), StringComparison.Ordinal));
        Assert.Equal("Display name is required.", FieldErrorOf(cut, "api-user-display-name"));
        Assert.Contains("not a valid email", FieldErrorOf(cut, "api-user-email"), StringComparison.Ordinal);
        Assert.Contains("at least 8", FieldErrorOf(cut, "api-user-password"), StringComparison.Ordinal);
        Assert.Equal("The passwords do not match.", FieldErrorOf(cut, "api-user-confirm-password"));
        Assert.Equal(0, (await Users.ListAsync(new PageRequest(), null, Ct)).Total);
    }

    [Fact]
    public async Task Edit_NewValid_CreatesAndOpensDetails()
    {
        // Arrange
        var cut = Render<ApiUserEdit>();
        cut.WaitForElement("[data-testid=api-user-name]");
        cut.Find("[data-testid=api-user-name]").Change("carol@corp");
        cut.Find("[data-testid=api-user-display-name]").Change("Carol");
        cut.Find("[data-testid=api-user-password]").Change(Password);
        cut.Find("[data-testid=api-user-confirm-password]").Change(Password);

        // Act
        await cut.Find("[data-testid=api-user-save]").ClickAsync(new());

        // Assert
        var saved = await Users.FindByUserNameAsync("carol@corp", Ct);
        Assert.NotNull(saved);
        Assert.Equal("Carol", saved.DisplayName);
        Assert.Equal($"/api-users/{saved.Id}", CurrentPath);
        Assert.NotNull(await Services.GetRequiredService<IResourceOwnerVerifier>().VerifyAsync("carol@corp", Password, Ct));
    }

    [Fact]
    public async Task Edit_Existing_HidesPasswordAndKeepsClients()
    {
        // Arrange
        await CreateClientAsync("app-one");
        var user = await CreateUserAsync("alice", "app-one");
        var cut = Render<ApiUserEdit>(p => p.Add(x => x.Id, user.Id));
        cut.WaitForElement("[data-testid=api-user-display-name]");
        Assert.Empty(cut.FindAll("[data-testid=api-user-password]"));

        // Act
        cut.Find("[data-testid=api-user-display-name]").Change("Alice Renamed");
        await cut.Find("[data-testid=api-user-save]").ClickAsync(new());

        // Assert
        var saved = await Users.FindAsync(user.Id, Ct);
        Assert.Equal("Alice Renamed", saved!.DisplayName);
        Assert.Equal(["app-one"], ApiUserInput.AllowedClientIds(saved));
        Assert.Equal($"/api-users/{user.Id}", CurrentPath);
    }

    [Fact]
    public void Edit_UnknownId_NotFound()
    {
        // Act
        var cut = Render<ApiUserEdit>(p => p.Add(x => x.Id, 4242));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("API user 4242", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=api-user-save]"));
    }

    [Fact]
    public async Task Details_PasswordDialog_ShowsServiceErrorsThenSaves()
    {
        // Arrange
        var user = await CreateUserAsync("alice");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiUserDetails>(p => p.Add(x => x.Id, user.Id));
        cut.WaitForElement("[data-testid=api-user-set-password]");
        _ = cut.Find("[data-testid=api-user-set-password]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=api-user-new-password]");
        dialogs.Find("[data-testid=api-user-new-password]").Change("ALICE");
        dialogs.Find("[data-testid=api-user-confirm-new-password]").Change("ALICE");

        // Act
        await dialogs.Find("[data-testid=api-user-password-save]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("not be the user name", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find("[data-testid=api-user-new-password]").Change("Brand n3w secret");
        dialogs.Find("[data-testid=api-user-confirm-new-password]").Change("Brand n3w secret");
        await dialogs.Find("[data-testid=api-user-password-save]").ClickAsync(new());

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        var verifier = Services.GetRequiredService<IResourceOwnerVerifier>();
        Assert.NotNull(await verifier.VerifyAsync("alice", "Brand n3w secret", Ct));
        Assert.Null(await verifier.VerifyAsync("alice", Password, Ct));
    }

    [Fact]
    public async Task Details_PasswordDialogGenerate_FillsBothFieldsAndSaves()
    {
        // Arrange
        var user = await CreateUserAsync("alice");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiUserDetails>(p => p.Add(x => x.Id, user.Id));
        cut.WaitForElement("[data-testid=api-user-set-password]");
        _ = cut.Find("[data-testid=api-user-set-password]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=api-user-generate-password]");

        // Act
        await dialogs.Find("[data-testid=api-user-generate-password]").ClickAsync(new());
        var generated = dialogs.Find("[data-testid=api-user-new-password]").GetAttribute("value");
        var confirmed = dialogs.Find("[data-testid=api-user-confirm-new-password]").GetAttribute("value");
        await dialogs.Find("[data-testid=api-user-password-save]").ClickAsync(new());

        // Assert
        Assert.Equal(20, generated?.Length);
        Assert.Equal(generated, confirmed);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.NotNull(await Services.GetRequiredService<IResourceOwnerVerifier>().VerifyAsync("alice", generated!, Ct));
    }

    [Fact]
    public async Task Details_DisableEnable_SwitchButtonsAndStatus()
    {
        // Arrange
        var user = await CreateUserAsync("alice");
        var cut = Render<ApiUserDetails>(p => p.Add(x => x.Id, user.Id));
        cut.WaitForElement("[data-testid=api-user-disable]");
        Assert.True(cut.Find("[data-testid=api-user-enable]").HasAttribute("disabled"));

        // Act
        await cut.Find("[data-testid=api-user-disable]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Disabled", cut.Find("[data-testid=api-user-status-text]").TextContent));
        Assert.True(cut.Find("[data-testid=api-user-disable]").HasAttribute("disabled"));
        await cut.Find("[data-testid=api-user-enable]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("Enabled", cut.Find("[data-testid=api-user-status-text]").TextContent));
        Assert.Equal(ApiUserStatus.Enabled, (await Users.FindAsync(user.Id, Ct))!.Status);
    }

    [Fact]
    public async Task Details_LockedUser_ShowsLockEndAndUnlocks()
    {
        // Arrange
        var user = await CreateUserAsync("alice");
        var verifier = Services.GetRequiredService<IResourceOwnerVerifier>();
        for (var i = 0; i < 5; i++)
        {
            await verifier.VerifyAsync("alice", "wrong password", Ct);
        }

        var cut = Render<ApiUserDetails>(p => p.Add(x => x.Id, user.Id));
        cut.WaitForElement("[data-testid=api-user-unlock]");
        Assert.Equal("Locked until 2026-11-22 12:15:00 UTC", cut.Find("[data-testid=api-user-status-text]").TextContent);
        Assert.Equal("5", cut.Find("[data-testid=api-user-failed-attempts]").TextContent);

        // Act
        await cut.Find("[data-testid=api-user-unlock]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Enabled", cut.Find("[data-testid=api-user-status-text]").TextContent));
        Assert.Equal("0", cut.Find("[data-testid=api-user-failed-attempts]").TextContent);
        Assert.True(cut.Find("[data-testid=api-user-unlock]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Details_ConfirmedDelete_RemovesAndReturnsToList()
    {
        // Arrange
        var user = await CreateUserAsync("alice");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiUserDetails>(p => p.Add(x => x.Id, user.Id));
        cut.WaitForElement("[data-testid=api-user-delete]");
        _ = cut.Find("[data-testid=api-user-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog");

        // Act
        await ClickDialogButtonAsync(dialogs, "Delete");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("/api-users", CurrentPath));
        Assert.Null(await Users.FindAsync(user.Id, Ct));
    }

    [Fact]
    public async Task Details_AsOperator_EveryWriteControlDisabled()
    {
        // Arrange
        var user = await CreateUserAsync("alice");
        await Users.DisableAsync(user.Id, SeedActor, Ct);
        SignInAsOperator();

        // Act
        var cut = Render<ApiUserDetails>(p => p.Add(x => x.Id, user.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("alice", cut.Find("[data-testid=api-user-name]").TextContent));
        foreach (var control in new[] { "api-user-edit", "api-user-set-password", "api-user-delete", "api-user-enable", "api-user-disable", "api-user-unlock" })
        {
            Assert.True(cut.Find($"[data-testid={control}]").HasAttribute("disabled"), control);
        }
    }

    [Fact]
    public void Details_UnknownId_NotFound()
    {
        // Act
        var cut = Render<ApiUserDetails>(p => p.Add(x => x.Id, 4242));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("API user 4242", cut.Markup, StringComparison.Ordinal));
    }

    private Task<ApiUser> CreateUserAsync(string userName, params string[] clients) =>
        Users.CreateAsync(
            new ApiUserInput { UserName = userName, DisplayName = "User " + userName, Password = Password, ConfirmPassword = Password, AllowedClients = clients },
            SeedActor,
            Ct);

    private Task<ApiClient> CreateClientAsync(string clientId) =>
        Services.GetRequiredService<ApiClientService>().CreateAsync(
            new ApiClientInput { ClientId = clientId, ClientName = clientId, DisplayName = clientId, Password = Password, ConfirmPassword = Password, Note = "n" },
            SeedActor,
            Ct);
}
