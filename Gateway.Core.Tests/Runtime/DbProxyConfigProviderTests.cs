using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Tests.Runtime;

public sealed class DbProxyConfigProviderTests
{
    private static CatalogRows Rows(long version, params string[] paths) =>
        new(version, [CatalogRowsFactory.Backend()], [.. paths.Select((p, i) => CatalogRowsFactory.Api(i + 1, p))]);

    [Fact]
    public void GetConfig_FirstCall_LoadsSnapshotValidatedByYarp()
    {
        // Arrange
        using var parts = new RuntimeParts(Rows(5, "/a", "/b/{id}"));

        // Act
        var config = parts.Provider.GetConfig();

        // Assert
        Assert.Equal(2, config.Routes.Count);
        Assert.Single(config.Clusters);
        Assert.Equal("5", config.RevisionId);
        Assert.Equal(5, parts.Provider.ActiveVersion);
        Assert.True(parts.Status.IsReady);
        Assert.Equal(2, parts.Status.RouteCount);
        Assert.Same(config, parts.Provider.GetConfig());
        Assert.Equal(1, parts.Reader.Reads);
    }

    [Fact]
    public void GetConfig_FirstLoadFails_ThrowsSoStartupFails()
    {
        // Arrange
        using var parts = new RuntimeParts(Rows(1, "/a"));
        parts.Reader.Failure = new InvalidOperationException("no such table: Apis");

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => parts.Provider.GetConfig());

        // Assert
        Assert.Contains("no such table: Apis", error.Message, StringComparison.Ordinal);
        Assert.Null(parts.Provider.Current);
        Assert.False(parts.Status.IsReady);
        Assert.Contains("no such table", parts.Status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void GetConfig_FirstLoadHasInvalidRow_ThrowsNamingTheRow()
    {
        // Arrange
        using var parts = new RuntimeParts(Rows(1, "/a", "no-slash"));

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => parts.Provider.GetConfig());

        // Assert
        Assert.Contains("api2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebuildAsync_NewRows_SwapsSnapshotAndFiresOldChangeToken()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        var first = parts.Provider.GetConfig();
        var old = parts.Provider.Current;
        parts.Reader.Rows = Rows(2, "/a", "/b");

        // Act
        var swapped = await parts.Provider.RebuildAsync(ct);

        // Assert
        Assert.True(swapped);
        Assert.True(first.ChangeToken.HasChanged);
        var second = parts.Provider.GetConfig();
        Assert.NotSame(first, second);
        Assert.False(second.ChangeToken.HasChanged);
        Assert.Equal(2, second.Routes.Count);
        Assert.Equal(2, parts.Provider.ActiveVersion);
        Assert.Equal(1, old!.Version);
        Assert.Single(old.RouteConfigs);
    }

    [Fact]
    public async Task RebuildAsync_ReaderFails_KeepsLastGoodSnapshotAndReportsFailure()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        var good = parts.Provider.GetConfig();
        parts.Reader.Failure = new TimeoutException("database is locked");

        // Act
        var swapped = await parts.Provider.RebuildAsync(ct);

        // Assert
        Assert.False(swapped);
        Assert.Same(good, parts.Provider.GetConfig());
        Assert.False(good.ChangeToken.HasChanged);
        Assert.Equal(1, parts.Status.ActiveVersion);
        Assert.Contains("database is locked", parts.Status.LastError, StringComparison.Ordinal);
        Assert.Contains("still serving config version 1", parts.Status.LastError, StringComparison.Ordinal);
        Assert.Equal(parts.Time.GetUtcNow().UtcDateTime, parts.Status.LastErrorAt);
    }

    [Fact]
    public async Task RebuildAsync_InvalidRow_KeepsLastGoodSnapshotThenRecovers()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        var good = parts.Provider.GetConfig();
        parts.Reader.Rows = Rows(2, "/a", "/b/{x}{y}");

        // Act
        var failed = await parts.Provider.RebuildAsync(ct);
        var failedVersion = parts.Provider.LastFailedVersion;
        parts.Reader.Rows = Rows(3, "/a", "/b");
        var recovered = await parts.Provider.RebuildAsync(ct);

        // Assert
        Assert.False(failed);
        Assert.Equal(2, failedVersion);
        Assert.True(recovered);
        Assert.True(good.ChangeToken.HasChanged);
        Assert.Equal(3, parts.Provider.ActiveVersion);
        Assert.Null(parts.Status.LastError);
        Assert.Null(parts.Provider.LastFailedVersion);
    }

    [Fact]
    public async Task RebuildAsync_YarpValidatorRejects_KeepsLastGoodSnapshot()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var validator = new RejectingValidator();
        using var parts = new RuntimeParts(Rows(1, "/a"), validator);
        var good = parts.Provider.GetConfig();
        validator.RouteError = "The route pattern is not supported.";
        parts.Reader.Rows = Rows(2, "/a", "/b");

        // Act
        var swapped = await parts.Provider.RebuildAsync(ct);

        // Assert
        Assert.False(swapped);
        Assert.Same(good, parts.Provider.GetConfig());
        Assert.Contains("The route pattern is not supported.", parts.Status.LastError, StringComparison.Ordinal);
        Assert.Contains("api-1", parts.Status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebuildAsync_Failure_CountedInMetrics()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(Rows(1, "/a"));
        parts.Provider.GetConfig();
        parts.Reader.Failure = new InvalidOperationException("boom");

        // Act
        await parts.Provider.RebuildAsync(ct);
        await parts.Provider.RebuildAsync(ct);

        // Assert
        using var stream = new MemoryStream();
        await parts.Metrics.Registry.CollectAndExportAsTextAsync(stream, ct);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("apimanager_gateway_snapshot_rebuild_failures_total 2", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_config_version 1", text, StringComparison.Ordinal);
    }

    private sealed class RejectingValidator : IConfigValidator
    {
        public string? RouteError { get; set; }

        public ValueTask<IList<Exception>> ValidateRouteAsync(RouteConfig route) =>
            ValueTask.FromResult<IList<Exception>>(RouteError is null ? [] : [new ArgumentException(RouteError)]);

        public ValueTask<IList<Exception>> ValidateClusterAsync(ClusterConfig cluster) => ValueTask.FromResult<IList<Exception>>([]);
    }
}
