using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using ApiManager.Gateway.Upstreams.Runtime.Health;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>Kong's counter rules in <see cref="TargetHealthState"/> and <see cref="UpstreamHealthRegistry.Report"/>.</summary>
public sealed class HealthCounterTests
{
    private static readonly HealthThresholds Active = new(Successes: 2, HttpFailures: 3, TcpFailures: 2, Timeouts: 2, MayEnable: true);
    private static readonly HealthThresholds Passive = new(Successes: 1, HttpFailures: 3, TcpFailures: 2, Timeouts: 2, MayEnable: false);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly GatewayMetrics _metrics = new();
    private readonly UpstreamHealthRegistry _registry;

    public HealthCounterTests() => _registry = new UpstreamHealthRegistry(_time, null, new UpstreamHealthMetrics(_metrics));

    private TargetHealthState State => _registry.Get(1, "a:1");

    [Fact]
    public void Report_SuccessAfterFailures_ClearsEveryFailureCounter()
    {
        // Arrange
        Report(HealthReport.HttpFailure, Active);
        Report(HealthReport.TcpFailure, Active);
        Report(HealthReport.Timeout, Active);

        // Act
        Report(HealthReport.Success, Active);

        // Assert
        Assert.True(State.Healthy);
        Assert.Equal((0, 0, 0), (State.HttpFailures, State.TcpFailures, State.Timeouts));
    }

    [Fact]
    public void Report_FailureWhileUnhealthy_ClearsSuccesses()
    {
        // Arrange
        _registry.Set(1, "a:1", healthy: false, HealthSources.Manual);
        Report(HealthReport.Success, Active);
        Assert.Equal(1, State.Successes);

        // Act
        Report(HealthReport.HttpFailure, Active);

        // Assert
        Assert.Equal(0, State.Successes);
        Assert.False(State.Healthy);
    }

    [Theory]
    [InlineData(HealthReport.HttpFailure, 3)]
    [InlineData(HealthReport.TcpFailure, 2)]
    [InlineData(HealthReport.Timeout, 2)]
    public void Report_FailureKindReachesThreshold_MarksUnhealthyThen(HealthReport kind, int threshold)
    {
        // Arrange
        for (var i = 1; i < threshold; i++)
        {
            Report(kind, Passive);
        }

        var before = _registry.Version;
        Assert.True(State.Healthy);

        // Act
        Report(kind, Passive);

        // Assert
        Assert.False(State.Healthy);
        Assert.Equal(HealthSources.Passive, State.ChangedBy);
        Assert.StartsWith($"{threshold} ", State.ChangeReason, StringComparison.Ordinal);
        Assert.NotEqual(before, _registry.Version);
        Assert.Equal((0, 0, 0, 0), (State.Successes, State.HttpFailures, State.TcpFailures, State.Timeouts));
    }

    [Fact]
    public void Report_DifferentFailureKinds_CountSeparately()
    {
        // Arrange: one short of each threshold.
        Report(HealthReport.HttpFailure, Active);
        Report(HealthReport.HttpFailure, Active);
        Report(HealthReport.TcpFailure, Active);

        // Act
        Report(HealthReport.Timeout, Active);

        // Assert
        Assert.True(State.Healthy);
        Assert.Equal((2, 1, 1), (State.HttpFailures, State.TcpFailures, State.Timeouts));
    }

    [Theory]
    [InlineData(HealthReport.HttpFailure)]
    [InlineData(HealthReport.TcpFailure)]
    [InlineData(HealthReport.Timeout)]
    public void Report_ThresholdZero_NeverTrips(HealthReport kind)
    {
        // Arrange
        var off = new HealthThresholds(0, 0, 0, 0, MayEnable: true);

        // Act
        for (var i = 0; i < 300; i++)
        {
            Report(kind, off);
        }

        // Assert
        Assert.True(State.Healthy);
        Assert.Equal(300, State.HttpFailures + State.TcpFailures + State.Timeouts);
    }

    [Fact]
    public void Report_SuccessesThresholdZero_NeverReEnables()
    {
        // Arrange
        _registry.Set(1, "a:1", healthy: false, HealthSources.Active);

        // Act
        for (var i = 0; i < 50; i++)
        {
            Report(HealthReport.Success, Active with { Successes = 0 });
        }

        // Assert
        Assert.False(State.Healthy);
    }

    [Fact]
    public void Report_PassiveSuccesses_NeverReEnable()
    {
        // Arrange
        _registry.Set(1, "a:1", healthy: false, HealthSources.Passive);

        // Act
        for (var i = 0; i < 10; i++)
        {
            Report(HealthReport.Success, Passive);
        }

        // Assert
        Assert.False(State.Healthy);
        Assert.Equal(10, State.Successes);
    }

    [Fact]
    public void Report_ActiveSuccessesReachThreshold_ReEnable()
    {
        // Arrange
        _registry.Set(1, "a:1", healthy: false, HealthSources.Passive);
        Report(HealthReport.Success, Active);
        Assert.False(State.Healthy);

        // Act
        Report(HealthReport.Success, Active);

        // Assert
        Assert.True(State.Healthy);
        Assert.Equal(HealthSources.Active, State.ChangedBy);
        Assert.Equal("2 successes, last HTTP 200", State.ChangeReason);
    }

    [Fact]
    public void Report_SuccessesWhileHealthy_NotCounted()
    {
        // Act
        Report(HealthReport.Success, Active);
        Report(HealthReport.Success, Active);

        // Assert
        Assert.Equal(0, State.Successes);
        Assert.True(State.Healthy);
    }

    [Fact]
    public void Set_ManualOverride_FlipsAndClearsCounters()
    {
        // Arrange
        Report(HealthReport.HttpFailure, Active);
        Report(HealthReport.HttpFailure, Active);

        // Act
        var changed = _registry.Set(1, "a:1", healthy: false, HealthSources.Manual, "pool", "set by tester");
        var again = _registry.Set(1, "a:1", healthy: false, HealthSources.Manual, "pool");
        var back = _registry.Set(1, "a:1", healthy: true, HealthSources.Manual, "pool");

        // Assert
        Assert.True(changed);
        Assert.False(again);
        Assert.True(back);
        Assert.True(State.Healthy);
        Assert.Equal(0, State.HttpFailures);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, State.ChangedAt);
    }

    [Fact]
    public async Task Set_FlagChanges_CountedInMetrics()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        _registry.Set(1, "a:1", healthy: false, HealthSources.Manual, "pool");
        _registry.Set(1, "a:1", healthy: false, HealthSources.Manual, "pool");
        _registry.Set(1, "a:1", healthy: true, HealthSources.Manual, "pool");
        _registry.Set(1, "a:1", healthy: false, HealthSources.Manual, "pool");

        // Assert
        using var stream = new MemoryStream();
        await _metrics.Registry.CollectAndExportAsTextAsync(stream, ct);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("apimanager_upstream_target_health_changes_total{upstream=\"pool\",target=\"a:1\",state=\"unhealthy\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_upstream_target_health_changes_total{upstream=\"pool\",target=\"a:1\",state=\"healthy\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("apimanager_upstream_target_healthy{upstream=\"pool\",target=\"a:1\"} 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SetProbe_KeepsResultAndTime()
    {
        // Act
        _registry.SetProbe(1, "a:1", "HTTP 503");

        // Assert
        Assert.Equal(new TargetProbe("HTTP 503", _time.GetUtcNow().UtcDateTime), State.LastProbe);
    }

    [Fact]
    public async Task Report_ConcurrentFailures_FlipsOnce()
    {
        // Arrange
        var thresholds = new HealthThresholds(0, 100, 0, 0, MayEnable: false);
        var before = _registry.Version;

        // Act
        await Parallel.ForAsync(0, 1000, TestContext.Current.CancellationToken, (_, _) =>
        {
            Report(HealthReport.HttpFailure, thresholds);
            return ValueTask.CompletedTask;
        });

        // Assert
        Assert.False(State.Healthy);
        Assert.Equal(before + 1, _registry.Version);
    }

    private void Report(HealthReport report, HealthThresholds thresholds) =>
        _registry.Report(1, "pool", "a:1", report, thresholds, thresholds.MayEnable ? HealthSources.Active : HealthSources.Passive, 200);
}
