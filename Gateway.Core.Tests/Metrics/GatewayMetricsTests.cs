using System.Diagnostics;
using System.Text;
using ApiManager.Gateway.Metrics;

namespace ApiManager.Gateway.Tests.Metrics;

public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task Record_Statuses_CountedByClassWithLatency()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var metrics = new GatewayMetrics();
        var meters = metrics.For("orders", "v2");
        var start = Stopwatch.GetTimestamp();

        // Act
        meters.Record(200, start);
        meters.Record(204, start);
        meters.Record(404, start);
        meters.Record(503, start);
        meters.Record(42, start);
        metrics.Unmatched.Count(404);

        // Assert
        var text = await ExportAsync(metrics, ct);
        Assert.Contains("apimanager_gateway_requests_total{api=\"orders\",version=\"v2\",status_class=\"2xx\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_requests_total{api=\"orders\",version=\"v2\",status_class=\"4xx\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_requests_total{api=\"orders\",version=\"v2\",status_class=\"5xx\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_requests_total{api=\"orders\",version=\"v2\",status_class=\"other\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_request_duration_seconds_count{api=\"orders\",version=\"v2\"} 5", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_requests_total{api=\"_unmatched\",version=\"\",status_class=\"4xx\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotActivated_ApiGone_SeriesDroppedOthersKept()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var metrics = new GatewayMetrics();
        metrics.For("keep", "v1").Count(200);
        metrics.For("gone", "v1").Count(200);
        metrics.SnapshotActivated(1, [("keep", "v1"), ("gone", "v1")]);

        // Act
        metrics.SnapshotActivated(2, [("keep", "v1")]);

        // Assert
        var text = await ExportAsync(metrics, ct);
        Assert.Contains("api=\"keep\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("api=\"gone\"", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_config_version 2", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_gateway_routes 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_SameApiTwice_SharesCounters()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var metrics = new GatewayMetrics();

        // Act
        metrics.For("a", "v1").Count(200);
        metrics.For("a", "v1").Count(201);

        // Assert
        Assert.Contains("apimanager_gateway_requests_total{api=\"a\",version=\"v1\",status_class=\"2xx\"} 2", await ExportAsync(metrics, ct), StringComparison.Ordinal);
    }

    private static async Task<string> ExportAsync(GatewayMetrics metrics, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, cancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
