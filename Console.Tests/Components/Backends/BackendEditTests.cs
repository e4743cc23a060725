using ApiManager.Admin.Components.Pages.Backends;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Backends;

public sealed class BackendEditTests : AdminTestContext
{
    [Fact]
    public void Render_New_ShowsDefaults()
    {
        // Act
        var cut = Render<BackendEdit>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("[data-testid=backend-retries]").GetAttribute("value")));
        Assert.Equal("60000", cut.Find("[data-testid=backend-connect-timeout]").GetAttribute("value"));
        Assert.Equal("60000", cut.Find("[data-testid=backend-read-timeout]").GetAttribute("value"));
        Assert.Equal("60000", cut.Find("[data-testid=backend-write-timeout]").GetAttribute("value"));
    }

    [Fact]
    public async Task Save_ValidBackend_CreatesItAndOpensDetails()
    {
        // Arrange
        var cut = Render<BackendEdit>();
        cut.WaitForElement("[data-testid=backend-name]");

        // Act
        cut.Find("[data-testid=backend-name]").Change("orders");
        cut.Find("[data-testid=backend-host]").Change("orders.internal");
        cut.Find("[data-testid=backend-port]").Change("8443");
        cut.Find("[data-testid=backend-base-path]").Change("/api");
        await cut.Find("[data-testid=backend-save]").ClickAsync(new());

        // Assert
        var list = await Services.GetRequiredService<BackendService>().ListAsync(new PageRequest(), Ct);
        var saved = Assert.Single(list.Items);
        Assert.Equal(("orders", "orders.internal", 8443, "/api", 5), (saved.Name, saved.Host, saved.Port, saved.BasePath, saved.Retries));
        Assert.Equal($"/backends/{saved.Id}", CurrentPath);
    }

    [Fact]
    public async Task Save_PortOutOfRange_ShowsErrorNextToPort()
    {
        // Arrange
        var cut = Render<BackendEdit>();
        cut.WaitForElement("[data-testid=backend-name]");
        cut.Find("[data-testid=backend-name]").Change("orders");
        cut.Find("[data-testid=backend-host]").Change("orders.internal");

        // Act
        cut.Find("[data-testid=backend-port]").Change("70000");
        await cut.Find("[data-testid=backend-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Port must be between 1 and 65535.", FieldErrorOf(cut, "backend-port")));
        Assert.Equal("", FieldErrorOf(cut, "backend-name"));
        Assert.Equal(0, (await Services.GetRequiredService<BackendService>().ListAsync(new PageRequest(), Ct)).Total);
        Assert.Equal("/", CurrentPath);
    }

    [Fact]
    public async Task Save_DuplicateName_ShowsErrorNextToName()
    {
        // Arrange
        await CreateBackendAsync("orders");
        var cut = Render<BackendEdit>();
        cut.WaitForElement("[data-testid=backend-name]");
        cut.Find("[data-testid=backend-name]").Change("orders");
        cut.Find("[data-testid=backend-host]").Change("other.internal");

        // Act
        await cut.Find("[data-testid=backend-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("A backend named 'orders' already exists.", FieldErrorOf(cut, "backend-name")));
    }

    [Fact]
    public async Task Save_EmptyForm_ShowsEveryRequiredFieldError()
    {
        // Arrange
        var cut = Render<BackendEdit>();
        cut.WaitForElement("[data-testid=backend-name]");

        // Act
        cut.Find("[data-testid=backend-retries]").Change("-1");
        await cut.Find("[data-testid=backend-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Name is required.", FieldErrorOf(cut, "backend-name")));
        Assert.Equal("Host is required.", FieldErrorOf(cut, "backend-host"));
        Assert.Equal("Retries must be between 0 and 32767.", FieldErrorOf(cut, "backend-retries"));
    }

    [Fact]
    public async Task Render_Edit_LoadsExistingValues()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders", "orders.internal", 8081);

        // Act
        var cut = Render<BackendEdit>(p => p.Add(x => x.Id, backend.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("orders.internal", cut.Find("[data-testid=backend-host]").GetAttribute("value")));
        Assert.Equal("8081", cut.Find("[data-testid=backend-port]").GetAttribute("value"));
    }

    [Fact]
    public async Task Save_Edit_UpdatesBackend()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders", "orders.internal", 8081);
        var cut = Render<BackendEdit>(p => p.Add(x => x.Id, backend.Id));
        cut.WaitForAssertion(() => Assert.Equal("8081", cut.Find("[data-testid=backend-port]").GetAttribute("value")));

        // Act
        cut.Find("[data-testid=backend-port]").Change("9090");
        await cut.Find("[data-testid=backend-save]").ClickAsync(new());

        // Assert
        var saved = await Services.GetRequiredService<BackendService>().FindAsync(backend.Id, Ct);
        Assert.Equal(9090, saved!.Port);
        Assert.Equal($"/backends/{backend.Id}", CurrentPath);
    }

    [Fact]
    public async Task Save_ChangedMeanwhile_ShowsConflictAlert()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders", "orders.internal", 8081);
        var cut = Render<BackendEdit>(p => p.Add(x => x.Id, backend.Id));
        cut.WaitForAssertion(() => Assert.Equal("8081", cut.Find("[data-testid=backend-port]").GetAttribute("value")));
        await Services.GetRequiredService<BackendService>().UpdateAsync(backend.Id, BackendInput.From(backend) with { Port = 8082 }, SeedActor, Ct);

        // Act
        await cut.Find("[data-testid=backend-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("changed by someone else", cut.Find("[data-testid=form-alert]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_UnknownId_ShowsNotFound()
    {
        // Act
        var cut = Render<BackendEdit>(p => p.Add(x => x.Id, 999));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Backend 999 was not found", cut.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Operator_SaveDisabled()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<BackendEdit>();

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=backend-save]").HasAttribute("disabled")));
        Assert.NotNull(cut.Find("[data-testid=read-only-note]"));
    }
}
