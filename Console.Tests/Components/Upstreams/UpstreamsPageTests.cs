using ApiManager.Admin.Components.Pages.Upstreams;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using ApiManager.Gateway.Upstreams.Runtime.Health;
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
    public async Task Save_HealthChecks_Stored()
    {
        // Arrange
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");

        // Act
        cut.Find("[data-testid=hc-active-http-path]").Change("/health");
        cut.Find("[data-testid=hc-active-healthy-interval]").Change("0.5");
        cut.Find("[data-testid=hc-active-healthy-successes]").Change("2");
        cut.Find("[data-testid=hc-active-unhealthy-statuses]").Change("500, 503");
        cut.Find("[data-testid=hc-active-http-failures]").Change("3");
        cut.Find("[data-testid=hc-active-headers]").Change("X-Probe: one\nX-Probe: two");
        cut.Find("[data-testid=hc-passive-timeouts]").Change("4");
        await cut.Find("[data-testid=upstream-save]").ClickAsync(new());

        // Assert
        var checks = (await Upstreams.FindAsync("orders", Ct))!.Healthchecks;
        Assert.Equal(2, checks.Active.Healthy.Successes);
        Assert.Equal("/health", checks.Active.HttpPath);
        Assert.Equal(0.5, checks.Active.Healthy.Interval);
        Assert.Equal([500, 503], checks.Active.Unhealthy.HttpStatuses);
        Assert.Equal(3, checks.Active.Unhealthy.HttpFailures);
        Assert.Equal(["one", "two"], checks.Active.Headers["X-Probe"]);
        Assert.Equal(4, checks.Passive.Unhealthy.Timeouts);
        Assert.Equal([429, 500, 503], checks.Passive.Unhealthy.HttpStatuses);
    }

    [Fact]
    public async Task Save_HealthChecksStatusText_FieldErrorNothingSaved()
    {
        // Arrange
        await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");

        // Act
        cut.Find("[data-testid=hc-passive-unhealthy-statuses]").Change("500, five hundred");
        await cut.Find("[data-testid=upstream-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("Write HTTP statuses as numbers", FieldErrorOf(cut, "hc-passive-unhealthy-statuses"), StringComparison.Ordinal));
        Assert.Equal([429, 500, 503], (await Upstreams.FindAsync("orders", Ct))!.Healthchecks.Passive.Unhealthy.HttpStatuses);
    }

    [Fact]
    public async Task Save_HealthChecksOutOfRange_ServiceErrorsNextToFields()
    {
        // Arrange
        var cut = Render<UpstreamsPage>();
        cut.WaitForElement("[data-testid=upstream-new]");
        await cut.Find("[data-testid=upstream-new]").ClickAsync(new());

        // Act
        cut.Find("[data-testid=upstream-name]").Change("orders");
        cut.Find("[data-testid=hc-active-unhealthy-interval]").Change("-1");
        cut.Find("[data-testid=hc-active-unhealthy-statuses]").Change("500, 1000");
        cut.Find("[data-testid=hc-passive-http-failures]").Change("256");
        await cut.Find("[data-testid=upstream-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("Interval must be between 0", FieldErrorOf(cut, "hc-active-unhealthy-interval"), StringComparison.Ordinal));
        Assert.StartsWith("HTTP statuses must be between 100 and 999", FieldErrorOf(cut, "hc-active-unhealthy-statuses"), StringComparison.Ordinal);
        Assert.StartsWith("Must be between 0 (never) and 255", FieldErrorOf(cut, "hc-passive-http-failures"), StringComparison.Ordinal);
        Assert.Equal(0, (await Upstreams.ListAsync(new(), Ct)).Total);
    }

    [Fact]
    public async Task HealthView_ProbesAndCounters_ShownAndRefreshed()
    {
        // Arrange
        var upstream = await Upstreams.CreateAsync(new UpstreamInput { Name = "orders" }, SeedActor, Ct);
        await Upstreams.AddTargetAsync("orders", new UpstreamTargetInput { Target = "a:1" }, SeedActor, Ct);
        var cut = await RenderSelectedAsync("orders");
        Assert.Equal("No active probe yet", cut.Find("[data-testid=target-probe]").TextContent.Trim());
        var registry = Services.GetRequiredService<UpstreamHealthRegistry>();

        // Act
        registry.SetProbe(upstream.Id, "a:1", "HTTP 500");
        registry.Report(upstream.Id, "orders", "a:1", HealthReport.HttpFailure, new HealthThresholds(0, 5, 0, 0, MayEnable: true), HealthSources.Active, 500);
        registry.Report(upstream.Id, "orders", "a:1", HealthReport.Timeout, new HealthThresholds(0, 5, 0, 0, MayEnable: true), HealthSources.Active);
        Time.Advance(UpstreamsPage.RefreshInterval);

        // Assert
        cut.WaitForAssertion(() => Assert.StartsWith("Last probe: HTTP 500 at ", cut.Find("[data-testid=target-probe]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("http failures 1", cut.Find("[data-testid=target-counters]").TextContent, StringComparison.Ordinal);
        Assert.Contains("timeouts 1", cut.Find("[data-testid=target-counters]").TextContent, StringComparison.Ordinal);
        Assert.Equal("healthy", cut.Find("[data-testid=target-state]").TextContent);
    }

    [Fact]
    public void TargetHealthView_UnhealthyByPassive_ChipProbeCountersAndReason()
    {
        // Arrange
        var health = new UpstreamTargetHealth(1, "a:1", 100, UpstreamTargetHealth.Unhealthy, new DateTime(2026, 3, 1, 12, 0, 5, DateTimeKind.Utc), "passive",
            "3 http failures, last HTTP 500", new UpstreamTargetCounters(0, 0, 2, 1), "HTTP 503", new DateTime(2026, 3, 1, 12, 0, 4, DateTimeKind.Utc));

        // Act
        var cut = Render<TargetHealthView>(p => p.Add(v => v.Health, health));

        // Assert
        Assert.Equal("unhealthy", cut.Find("[data-testid=target-state]").TextContent);
        Assert.Contains("mud-chip-color-error", cut.Find("[data-testid=target-state-chip]").ClassName, StringComparison.Ordinal);
        Assert.Equal("Last probe: HTTP 503 at 12:00:04", cut.Find("[data-testid=target-probe]").TextContent.Trim());
        Assert.Equal("successes 0 · http failures 0 · tcp failures 2 · timeouts 1", cut.Find("[data-testid=target-counters]").TextContent.Trim());
        Assert.Equal("Changed 2026-03-01 12:00:05Z by passive: 3 http failures, last HTTP 500", cut.Find("[data-testid=target-changed]").TextContent.Trim());
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
