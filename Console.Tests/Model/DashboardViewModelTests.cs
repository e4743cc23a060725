using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Model;

public sealed class DashboardViewModelTests : AdminTestContext
{
    [Fact]
    public async Task LoadAsync_Catalog_CountsBackendsAndApisByStatus()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        await CreateBackendAsync("billing");
        await CreateApiAsync("a", backend.Id, "/a");
        await CreateApiAsync("b", backend.Id, "/b", ApiStatus.Deprecated);
        await CreateApiAsync("c", backend.Id, "/c", ApiStatus.Deprecated);
        var viewModel = Services.GetRequiredService<DashboardViewModel>();

        // Act
        await viewModel.LoadAsync(Ct);

        // Assert
        Assert.Equal((2, 3), (viewModel.BackendCount, viewModel.ApiCount));
        Assert.Equal(1, viewModel.ApisByStatus[ApiStatus.Active]);
        Assert.Equal(0, viewModel.ApisByStatus[ApiStatus.Inactive]);
        Assert.Equal(2, viewModel.ApisByStatus[ApiStatus.Deprecated]);
        Assert.Null(viewModel.GatewayUrl);
    }
}
