using ApiManager.Admin.Components.Pages.Upstreams;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Upstreams;

public sealed class UpstreamsPageTests : AdminTestContext
{
    private UpstreamService Upstreams => Services.GetRequiredService<UpstreamService>();

    [Fact]
    public async Task Render_UpstreamsInDatabase_OneRowEach()
    {
        // Arrange
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        await Upstreams.CreateAsync(new UpstreamInput { Name = "billing", HashOn = "ip" }, SeedActor, Ct);

        // Act
        var cut = Render<UpstreamsPage>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["billing", "orders"], cut.FindAll("[data-testid=upstream-row-name]").Select(a => a.TextContent)));
        Assert.Contains("consistent-hashing", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_NewUpstream_CreatedAndSelected()
    {
        // Arrange
        var cut = Render<UpstreamsPage>();
        cut.WaitForElement("[data-testid=upstream-new]");
        await cut.Find("[data-testid=upstream-new]").ClickAsync(new());

        // Act
        cut.Find("[data-testid=upstream-name]").Change("orders.pool");
        cut.Find("[data-testid=upstream-slots]").Change("500");
        await cut.Find("[data-testid=upstream-save]").ClickAsync(new());

        // Assert
        var saved = await Upstreams.FindAsync("orders.pool", Ct);
        Assert.NotNull(saved);
        Assert.Equal(500, saved.Slots);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=target-panel]")));
    }

    [Fact]
    public async Task Save_InvalidFields_ErrorsNextToFields()
    {
        // Arrange
        var cut = Render<UpstreamsPage>();
        cut.WaitForElement("[data-testid=upstream-new]");
        await cut.Find("[data-testid=upstream-new]").ClickAsync(new());

        // Act
        cut.Find("[data-testid=upstream-name]").Change("bad name");
        cut.Find("[data-testid=upstream-slots]").Change("5");
        await cut.Find("[data-testid=upstream-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Slots must be between 10 and 65536.", FieldErrorOf(cut, "upstream-slots")));
        Assert.StartsWith("Name must be a host name", FieldErrorOf(cut, "upstream-name"), StringComparison.Ordinal);
        Assert.Equal(0, (await Upstreams.ListAsync(new(), Ct)).Total);
    }

    [Fact]
    public async Task Save_DuplicateName_Alert()
    {
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        var cut = Render<UpstreamsPage>();
        cut.WaitForElement("[data-testid=upstream-new]");
        await cut.Find("[data-testid=upstream-new]").ClickAsync(new());
        cut.Find("[data-testid=upstream-name]").Change("orders");
        await cut.Find("[data-testid=upstream-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("already exists", cut.Find("[data-testid=upstream-alert]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Targets_AddInvalidThenValid_ErrorThenRow()
    {
        // Arrange
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");

        // Act
        cut.Find("[data-testid=target-new-address]").Change("::1");
        await cut.Find("[data-testid=target-add]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.StartsWith("An IPv6 target", FieldErrorOf(cut, "target-new-address"), StringComparison.Ordinal));
        cut.Find("[data-testid=target-new-address]").Change("10.0.0.1:8080");
        cut.Find("[data-testid=target-new-weight]").Change("30");
        await cut.Find("[data-testid=target-add]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["10.0.0.1:8080"], cut.FindAll("[data-testid=target-name]").Select(c => c.TextContent)));
        Assert.Equal("healthy", cut.Find("[data-testid=target-state]").TextContent);
        Assert.Equal(30, Assert.Single((await Upstreams.FindAsync("orders", Ct))!.Targets).Weight);
    }

    [Fact]
    public async Task Targets_EditWeightToZero_Disabled()
    {
        // Arrange
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        await Upstreams.AddTargetAsync("orders", new UpstreamTargetInput { Target = "a:1" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");

        // Act
        cut.Find("[data-testid=target-weight]").Change("0");
        await cut.Find("[data-testid=target-save-weight]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("disabled", cut.Find("[data-testid=target-state]").TextContent));
        Assert.Equal(0, Assert.Single((await Upstreams.FindAsync("orders", Ct))!.Targets).Weight);
    }

    [Fact]
    public async Task Targets_EditWeightOutOfRange_ErrorInRow()
    {
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        await Upstreams.AddTargetAsync("orders", new UpstreamTargetInput { Target = "a:1" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");
        cut.Find("[data-testid=target-weight]").Change("70000");
        await cut.Find("[data-testid=target-save-weight]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.StartsWith("Weight must be between 0 and 65535", FieldErrorOf(cut, "target-weight"), StringComparison.Ordinal));
        Assert.Equal(100, Assert.Single((await Upstreams.FindAsync("orders", Ct))!.Targets).Weight);
    }

    [Fact]
    public async Task MarkUnhealthyThenHealthy_StateFollows()
    {
        // Arrange
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        await Upstreams.AddTargetAsync("orders", new UpstreamTargetInput { Target = "a:1" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");

        // Act / Assert
        await cut.Find("[data-testid=target-mark-unhealthy]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("unhealthy", cut.Find("[data-testid=target-state]").TextContent));
        await cut.Find("[data-testid=target-mark-healthy]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("healthy", cut.Find("[data-testid=target-state]").TextContent));
    }

    [Fact]
    public async Task LiveState_ChangedElsewhere_RefreshedByTimer()
    {
        // Arrange
        var upstream = await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        await Upstreams.AddTargetAsync("orders", new UpstreamTargetInput { Target = "a:1" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");
        Services.GetRequiredService<UpstreamHealthRegistry>().Set(upstream.Id, "a:1", healthy: false, "manual");
        Assert.Equal("healthy", cut.Find("[data-testid=target-state]").TextContent);

        // Act
        Time.Advance(UpstreamsPage.RefreshInterval);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("unhealthy", cut.Find("[data-testid=target-state]").TextContent));
    }

    [Fact]
    public async Task Operator_WriteButtonsDisabled()
    {
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        await Upstreams.AddTargetAsync("orders", new UpstreamTargetInput { Target = "a:1" }, SeedActor, Ct);
        SignInAsOperator();
        var cut = await RenderSelectedAsync("orders");
        Assert.True(cut.Find("[data-testid=upstream-new]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=upstream-save]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=target-mark-unhealthy]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=target-add]").HasAttribute("disabled"));
    }

    private async Task<IRenderedComponent<UpstreamsPage>> RenderSelectedAsync(string name)
    {
        var cut = Render<UpstreamsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=upstream-row-name]")));
        await cut.FindAll("[data-testid=upstream-row-name]").First(a => a.TextContent == name).ClickAsync(new());
        cut.WaitForElement("[data-testid=target-panel]");
        return cut;
    }
}
