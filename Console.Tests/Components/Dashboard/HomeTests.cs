using ApiManager.Admin.Components.Pages.Dashboard;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Runtime;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Dashboard;

public sealed class HomeTests : AdminTestContext
{
    [Fact]
    public async Task Render_Catalog_ShowsCountsAndSnapshot()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop");
        await CreateApiAsync("old", backend.Id, "/old", ApiStatus.Inactive);
        Services.GetRequiredService<GatewayRuntimeStatus>().ReportSuccess(7, Time.GetUtcNow().UtcDateTime, 2);

        // Act
        var cut = Render<Home>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=count-backends]").TextContent));
        Assert.Equal("2", cut.Find("[data-testid=count-apis]").TextContent);
        Assert.Equal("Inactive: 1", cut.Find("[data-testid=count-apis-inactive]").TextContent);
        Assert.Contains("Version 7", cut.Find("[data-testid=gateway-version]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=gateway-error]"));
    }

    [Fact]
    public void RuntimeFailure_AfterRender_ShowsErrorAlert()
    {
        // Arrange
        var runtime = Services.GetRequiredService<GatewayRuntimeStatus>();
        var cut = Render<Home>();
        cut.WaitForElement("[data-testid=gateway-version]");

        // Act
        runtime.ReportFailure("route 'x' is invalid", Time.GetUtcNow().UtcDateTime);

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("route 'x' is invalid", cut.Find("[data-testid=gateway-error]").TextContent, StringComparison.Ordinal));
    }
}
