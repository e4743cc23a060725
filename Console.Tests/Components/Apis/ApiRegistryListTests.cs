using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiRegistryListTests : AdminTestContext
{
    [Fact]
    public async Task Render_Apis_ShowsVersionProtocolAndHosts()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders", port: 9123);
        await CreateApiAsync("shop", backend.Id, "/shop/v1");

        // Act
        var cut = Render<ApiList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("orders (127.0.0.1:9123)", cut.Find("[data-testid=api-row-hosts]").TextContent));
        Assert.Contains(">HTTP<", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("My APIs", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_StatusTagAndBackend_NarrowTheList()
    {
        // Arrange
        var orders = await CreateBackendAsync("orders");
        var billing = await CreateBackendAsync("billing");
        await CreateApiAsync("shop", orders.Id, "/shop", ApiStatus.Active, "retail");
        await CreateApiAsync("legacy", orders.Id, "/legacy", ApiStatus.Inactive, "retail");
        await CreateApiAsync("invoices", billing.Id, "/invoices", ApiStatus.Active, "finance");
        var cut = Render<ApiList>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=api-row-name]").Count));

        // Act: status
        var status = cut.FindComponent<MudSelect<ApiStatus?>>();
        await cut.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(ApiStatus.Inactive));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["legacy"], Names(cut)));

        // Act: tag instead of status
        await cut.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(null));
        cut.Find("[data-testid=filter-tag]").Change("RETAIL");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["legacy", "shop"], Names(cut)));

        // Act: backend instead of tag
        cut.Find("[data-testid=filter-tag]").Change("");
        var backend = cut.FindComponent<MudSelect<int?>>();
        await cut.InvokeAsync(() => backend.Instance.ValueChanged.InvokeAsync(billing.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["invoices"], Names(cut)));
    }

    [Fact]
    public async Task BatchDisable_TwoSelected_DisablesThemOnly()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var a = await CreateApiAsync("a-api", backend.Id, "/a");
        var b = await CreateApiAsync("b-api", backend.Id, "/b");
        var c = await CreateApiAsync("c-api", backend.Id, "/c");
        var cut = Render<ApiList>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=api-table] input[type=checkbox]").Count));
        Assert.True(cut.Find("[data-testid=batch-disable]").HasAttribute("disabled"));

        // Act
        await cut.FindAll("[data-testid=api-table] input[type=checkbox]")[0].ChangeAsync(new() { Value = true });
        await cut.FindAll("[data-testid=api-table] input[type=checkbox]")[1].ChangeAsync(new() { Value = true });
        cut.WaitForAssertion(() => Assert.Equal("2 selected", cut.Find("[data-testid=selected-count]").TextContent));
        await cut.Find("[data-testid=batch-disable]").ClickAsync(new());

        // Assert
        var apis = Services.GetRequiredService<ApiService>();
        cut.WaitForAssertion(() => Assert.Equal("0 selected", cut.Find("[data-testid=selected-count]").TextContent));
        Assert.Equal(ApiStatus.Inactive, (await apis.FindAsync(a.Id, Ct))!.Status);
        Assert.Equal(ApiStatus.Inactive, (await apis.FindAsync(b.Id, Ct))!.Status);
        Assert.Equal(ApiStatus.Active, (await apis.FindAsync(c.Id, Ct))!.Status);
        cut.WaitForAssertion(() => Assert.Equal(["Inactive", "Inactive", "Active"], cut.FindAll("[data-testid=api-status]").Select(s => s.GetAttribute("data-status"))));
    }

    [Fact]
    public async Task Render_Operator_HasNoBatchControls()
    {
        // Arrange
        SignInAsOperator();
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop");

        // Act
        var cut = Render<ApiList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=api-row-name]")));
        Assert.Empty(cut.FindAll("[data-testid=api-table] input[type=checkbox]"));
        Assert.Empty(cut.FindAll("[data-testid=batch-disable]"));
        Assert.True(cut.Find("[data-testid=api-import]").HasAttribute("disabled"));
    }

    private static string[] Names(IRenderedComponent<ApiList> cut) => [.. cut.FindAll("[data-testid=api-row-name]").Select(a => a.TextContent)];
}
