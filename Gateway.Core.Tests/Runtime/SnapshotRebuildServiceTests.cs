using ApiManager.Gateway.Management;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Tests.Runtime;

public sealed class SnapshotRebuildServiceTests
{
    private static CatalogRows Rows(long version, params string[] paths) =>
        new(version, [CatalogRowsFactory.Backend()], [.. paths.Select((p, i) => CatalogRowsFactory.Api(i + 1, p))]);

    [Fact]
    public async Task ExecuteAsync_SignalsWithinDebounce_CoalesceIntoOneRebuild()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        parts.Provider.GetConfig();
        var signal = new ChannelConfigSignal();
        using var service = CreateService(parts, signal, debounceMs: 150, pollMs: 3_600_000);
        await service.StartAsync(ct);
        parts.Reader.Rows = Rows(2, "/a", "/b");

        // Act
        for (var i = 0; i < 5; i++)
        {
            signal.NotifyChanged();
        }

        await WaitUntilAsync(() => parts.Provider.ActiveVersion == 2, ct);
        await Task.Delay(400, ct);
        var readsAfterBurst = parts.Reader.Reads;
        parts.Reader.Rows = Rows(3, "/a");
        signal.NotifyChanged();
        await WaitUntilAsync(() => parts.Provider.ActiveVersion == 3, ct);
        await service.StopAsync(ct);

        // Assert
        Assert.Equal(2, readsAfterBurst);
        Assert.Equal(3, parts.Reader.Reads);
    }

    [Fact]
    public async Task ExecuteAsync_VersionChangedByAnotherProcess_RebuildsOnPoll()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        parts.Provider.GetConfig();
        using var service = CreateService(parts, new ChannelConfigSignal(), debounceMs: 0, pollMs: 100);
        await service.StartAsync(ct);

        // Act
        parts.Reader.Rows = Rows(4, "/a", "/c");
        await WaitUntilAsync(() => parts.Provider.ActiveVersion == 4, ct);
        await service.StopAsync(ct);

        // Assert
        Assert.Equal(2, parts.Provider.GetConfig().Routes.Count);
    }

    [Fact]
    public async Task ExecuteAsync_PolledVersionFailsToBuild_NotRetriedUntilVersionChanges()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        parts.Provider.GetConfig();
        using var service = CreateService(parts, new ChannelConfigSignal(), debounceMs: 0, pollMs: 100);
        await service.StartAsync(ct);

        // Act
        parts.Reader.Rows = Rows(2, "/a", "/broken/{");
        await WaitUntilAsync(() => parts.Status.LastError is not null, ct);
        var readsAfterFailure = parts.Reader.Reads;
        await Task.Delay(450, ct);
        var readsLater = parts.Reader.Reads;
        parts.Reader.Rows = Rows(3, "/a", "/fixed");
        await WaitUntilAsync(() => parts.Provider.ActiveVersion == 3, ct);
        await service.StopAsync(ct);

        // Assert
        Assert.Equal(readsAfterFailure, readsLater);
        Assert.Null(parts.Status.LastError);
    }

    [Fact]
    public async Task ExecuteAsync_RebuildFails_ServiceKeepsRunningAndLastGoodServes()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        var good = parts.Provider.GetConfig();
        var signal = new ChannelConfigSignal();
        using var service = CreateService(parts, signal, debounceMs: 10, pollMs: 3_600_000);
        await service.StartAsync(ct);

        // Act
        parts.Reader.Failure = new InvalidOperationException("disk I/O error");
        signal.NotifyChanged();
        await WaitUntilAsync(() => parts.Status.LastError is not null, ct);
        var servingDuringFailure = parts.Provider.GetConfig();
        parts.Reader.Failure = null;
        parts.Reader.Rows = Rows(2, "/a", "/b");
        signal.NotifyChanged();
        await WaitUntilAsync(() => parts.Provider.ActiveVersion == 2, ct);
        await service.StopAsync(ct);

        // Assert
        Assert.Same(good, servingDuringFailure);
        Assert.Null(parts.Status.LastError);
    }

    private static SnapshotRebuildService CreateService(RuntimeParts parts, ChannelConfigSignal signal, int debounceMs, int pollMs) => new(
        signal,
        parts.Provider,
        parts.Reader,
        Options.Create(new GatewayOptions { RebuildDebounceMs = debounceMs, ConfigPollIntervalMs = pollMs }),
        TimeProvider.System,
        NullLogger<SnapshotRebuildService>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
