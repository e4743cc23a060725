using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Model;

public sealed class AuditViewModelTests : AdminTestContext
{
    [Fact]
    public void ToQuery_DateRange_CoversWholeDaysInUtc()
    {
        // Arrange
        var viewModel = Services.GetRequiredService<AuditViewModel>();
        viewModel.From = new DateTime(2026, 11, 1, 15, 30, 0, DateTimeKind.Local);
        viewModel.To = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Unspecified);
        viewModel.Actor = "  ";

        // Act
        var query = viewModel.ToQuery();

        // Assert
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), query.From);
        Assert.Equal(new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), query.To);
        Assert.Equal(DateTimeKind.Utc, query.To!.Value.Kind);
        Assert.Null(query.Actor);
    }

    [Fact]
    public async Task LoadPageAsync_EntityFilter_ReturnsOnlyThatEntityNewestFirst()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateApiAsync("shop", backend.Id, "/shop");
        await CreateBackendAsync("billing");
        var viewModel = Services.GetRequiredService<AuditViewModel>();
        viewModel.EntityType = "Backend";

        // Act
        var page = await viewModel.LoadPageAsync(0, 20, Ct);
        await viewModel.LoadEntityTypesAsync(Ct);

        // Assert
        Assert.Equal(2, page.Total);
        Assert.Contains("billing", page.Items[0].After, StringComparison.Ordinal);
        Assert.Contains("orders", page.Items[1].After, StringComparison.Ordinal);
        Assert.Equal(["Api", "Backend"], viewModel.EntityTypes);
    }
}
