using ApiManager.Admin.Components.Pages.Audit;
using ApiManager.Admin.Tests.Shared;
using Bunit;

namespace ApiManager.Admin.Tests.Components.Audit;

public sealed class AuditLogPageTests : AdminTestContext
{
    [Fact]
    public async Task Render_Writes_ShowsNewestFirst()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop");

        // Act
        var cut = Render<AuditLog>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["Api", "Backend"], cut.FindAll("[data-testid=audit-row-entity]").Select(e => e.TextContent)));
        Assert.All(cut.FindAll("[data-testid=audit-row-action]"), e => Assert.Equal("Created", e.TextContent));
        Assert.All(cut.FindAll("[data-testid=audit-row-actor]"), e => Assert.Equal("seed", e.TextContent));
    }

    [Fact]
    public async Task RowClick_Entry_ExpandsBeforeAndAfterJson()
    {
        // Arrange
        await CreateBackendAsync("orders");
        var cut = Render<AuditLog>();
        cut.WaitForElement("[data-testid=audit-row-entity]");

        // Act
        await cut.Find("[data-testid=audit-table] tbody tr").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("\"name\": \"orders\"", cut.Find("[data-testid=audit-after]").TextContent, StringComparison.Ordinal));
        Assert.Equal("—", cut.Find("[data-testid=audit-before]").TextContent);
    }

    [Fact]
    public async Task ApplyFilters_Keyword_ShowsOnlyMatches()
    {
        // Arrange
        await CreateBackendAsync("orders");
        await CreateBackendAsync("billing");
        var cut = Render<AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-row-entity]").Count));

        // Act
        cut.Find("[data-testid=audit-keyword]").Change("billing");
        await cut.Find("[data-testid=audit-apply]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row-entity]")));
    }

    [Fact]
    public async Task ApplyFilters_UnknownActor_ShowsNoEntries()
    {
        // Arrange
        await CreateBackendAsync("orders");
        var cut = Render<AuditLog>();
        cut.WaitForElement("[data-testid=audit-row-entity]");

        // Act
        cut.Find("[data-testid=audit-actor]").Change("nobody");
        await cut.Find("[data-testid=audit-apply]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-records]")));
    }
}
