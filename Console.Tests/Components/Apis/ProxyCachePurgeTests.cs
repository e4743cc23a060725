using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Plugins.ProxyCache;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ProxyCachePurgeTests : AdminTestContext
{
    [Fact]
    public async Task Purge_Confirmed_EntriesRemovedAndSnackbarCounts()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        var other = await CreateApiAsync("stock", backend.Id, "/stock");
        var store = Services.GetRequiredService<IProxyCacheStore>();
        store.Set(new ProxyCacheKey(api.Id, 1), Entry());
        store.Set(new ProxyCacheKey(api.Id, 2), Entry());
        store.Set(new ProxyCacheKey(other.Id, 1), Entry());
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));
        cut.WaitForElement("[data-testid=api-cache-purge]");
        _ = cut.Find("[data-testid=api-cache-purge]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Remove every response", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));

        // Act
        await ClickDialogButtonAsync(dialogs, "Purge");

        // Assert
        var snackbar = Services.GetRequiredService<ISnackbar>();
        cut.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "2 cached responses purged."));
        Assert.Null(store.Get(new ProxyCacheKey(api.Id, 1)));
        Assert.NotNull(store.Get(new ProxyCacheKey(other.Id, 1)));
    }

    [Fact]
    public async Task Purge_Cancelled_NothingRemoved()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        var store = Services.GetRequiredService<IProxyCacheStore>();
        store.Set(new ProxyCacheKey(api.Id, 1), Entry());
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));
        cut.WaitForElement("[data-testid=api-cache-purge]");
        _ = cut.Find("[data-testid=api-cache-purge]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog")));

        // Act
        await ClickDialogButtonAsync(dialogs, "Cancel");

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.NotNull(store.Get(new ProxyCacheKey(api.Id, 1)));
        Assert.Empty(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
    }

    [Fact]
    public async Task Render_Operator_PurgeDisabled()
    {
        // Arrange
        var backend = await CreateBackendAsync("orders");
        var api = await CreateApiAsync("shop", backend.Id, "/shop");
        SignInAsOperator();

        // Act
        var cut = Render<ApiDetails>(p => p.Add(x => x.Id, api.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=api-cache-purge]").HasAttribute("disabled")));
    }

    private ProxyCacheEntry Entry()
    {
        var now = Time.GetUtcNow().UtcTicks;
        return new ProxyCacheEntry(200, [], [1, 2, 3], now, now + TimeSpan.TicksPerHour);
    }
}
