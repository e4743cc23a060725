using System.Net;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using ApiManager.Gateway.Upstreams.Runtime.Health;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>Active and passive health checks through the real gateway, with real Kestrel targets (intervals of 0.05 s).</summary>
public sealed class HealthCheckGatewayTests
{
    private static readonly ActiveHealthcheck QuickActive = new()
    {
        HttpPath = "/health",
        Timeout = 0.5,
        Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Probe"] = ["probe-1"] },
        Healthy = new ActiveHealthy { Interval = 0.05, Successes = 2 },
        Unhealthy = new ActiveUnhealthy { Interval = 0.05, HttpFailures = 2, TcpFailures = 2, Timeouts = 2 },
    };

    [Fact]
    public async Task Active_HealthAnswers500ThenRecovers_OutAfterHttpFailuresBackAfterSuccesses()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(new UpstreamHealthchecks { Active = QuickActive }, 2, ct);
        var sick = setup.Targets[1];

        // Act: the probe path answers 500.
        sick.HealthStatus = 500;
        await setup.WaitForAsync(sick, healthy: false, ct);
        var probesWhenOut = sick.ProbeCount;
        for (var i = 0; i < 10; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var trafficWhileOut = sick.RequestCount;
        sick.HealthStatus = 200;
        await setup.WaitForAsync(sick, healthy: true, ct);

        // Assert
        Assert.True(probesWhenOut >= 2);
        Assert.Equal(0, trafficWhileOut);
        Assert.Equal(10, setup.Targets[0].RequestCount);
        Assert.Equal("probe-1", sick.LastProbeHeader);
        var state = setup.State(sick);
        Assert.Equal(HealthSources.Active, state.ChangedBy);
        Assert.Equal("2 successes, last HTTP 200", state.ChangeReason);
        Assert.Equal("HTTP 200", state.LastProbe?.Result);
    }

    [Fact]
    public async Task Active_UpstreamNoBackendUses_StillProbed()
    {
        // Arrange: an upstream with a target whose probe path answers 500, and no backend naming it
        var ct = TestContext.Current.CancellationToken;
        await using var target = await HealthTarget.StartAsync(ct);
        target.HealthStatus = 500;
        await using var host = await GatewayHost.StartAsync(ct);
        var service = host.Services.GetRequiredService<UpstreamService>();
        var upstream = await service.CreateAsync(new UpstreamInput { Name = "idle-pool", Healthchecks = new UpstreamHealthchecks { Active = QuickActive } }, GatewayHost.TestActor, ct);
        await service.AddTargetAsync("idle-pool", new UpstreamTargetInput { Target = target.Target }, GatewayHost.TestActor, ct);
        await host.WaitForConfigAsync(ct);
        var registry = host.Services.GetRequiredService<UpstreamHealthRegistry>();

        // Act
        await Setup.WaitUntilAsync(() => !registry.Get(upstream.Id, target.Target).Healthy, ct);

        // Assert
        Assert.True(target.ProbeCount >= 2);
        Assert.Equal("HTTP 500", registry.Get(upstream.Id, target.Target).LastProbe?.Result);
    }

    [Fact]
    public async Task Active_TcpProbeOfStoppedTarget_Unhealthy()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(new UpstreamHealthchecks { Active = QuickActive with { Type = HealthcheckTypes.Tcp } }, 2, ct);
        var stopped = setup.Targets[0];

        // Act
        await stopped.StopAsync();
        await setup.WaitForAsync(stopped, healthy: false, ct);

        // Assert
        var state = setup.State(stopped);
        Assert.Equal("connection refused", state.LastProbe?.Result);
        Assert.Equal("2 tcp failures, last connection refused", state.ChangeReason);
        Assert.True(setup.State(setup.Targets[1]).Healthy);
        Assert.Equal(0, setup.Targets[1].ProbeCount);
    }

    [Fact]
    public async Task Active_SlowHealth_TimeoutsMarkUnhealthy()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var checks = new UpstreamHealthchecks { Active = QuickActive with { Timeout = 0.1 } };
        await using var setup = await SetupAsync(checks, 1, ct);

        // Act
        setup.Targets[0].HealthDelay = TimeSpan.FromSeconds(2);
        await setup.WaitForAsync(setup.Targets[0], healthy: false, ct);

        // Assert
        Assert.Equal("2 timeouts, last timeout", setup.State(setup.Targets[0]).ChangeReason);
    }

    [Fact]
    public async Task Passive_TrafficAnswers500_UnhealthyAfterNCallsAndStaysOutWithActiveOff()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var checks = new UpstreamHealthchecks { Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { HttpFailures = 3 } } };
        await using var setup = await SetupAsync(checks, 2, ct);
        var sick = setup.Targets[1];
        sick.TrafficStatus = 500;

        // Act: round-robin sends every other call to the sick target until its third 500.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 26; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
            statuses.Add(response.StatusCode);
        }

        sick.TrafficStatus = 200;
        for (var i = 0; i < 10; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.Equal(3, sick.RequestCount);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.InternalServerError));
        var state = setup.State(sick);
        Assert.False(state.Healthy);
        Assert.Equal(HealthSources.Passive, state.ChangedBy);
        Assert.Equal("3 http failures, last HTTP 500", state.ChangeReason);
    }

    [Fact]
    public async Task Passive_SuccessBetweenFailures_ClearsCount()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var checks = new UpstreamHealthchecks { Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { HttpFailures = 2 } } };
        await using var setup = await SetupAsync(checks, 1, ct);
        var target = setup.Targets[0];

        // Act: 500, 200, 500 — never two failures in a row.
        foreach (var status in new[] { 500, 200, 500 })
        {
            target.TrafficStatus = status;
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
        }

        // Assert
        Assert.True(setup.State(target).Healthy);
        Assert.Equal(1, setup.State(target).HttpFailures);
    }

    [Fact]
    public async Task Passive_StoppedTarget_TcpFailureTakesItOutAndTheCallIsRetried()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var checks = new UpstreamHealthchecks { Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { TcpFailures = 1 } } };
        await using var setup = await SetupAsync(checks, 2, ct);
        await setup.Targets[0].StopAsync();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
            statuses.Add(response.StatusCode);
        }

        // Assert: the call that met the stopped target was retried on the other one (backend retries default 5)
        Assert.False(setup.State(setup.Targets[0]).Healthy);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(6, setup.Targets[1].RequestCount);
    }

    [Fact]
    public async Task Passive_AllTargetsFail_503NoHealthyUpstream()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var checks = new UpstreamHealthchecks { Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { HttpFailures = 1 } } };
        await using var setup = await SetupAsync(checks, 2, ct);
        setup.Targets[0].TrafficStatus = 503;
        setup.Targets[1].TrafficStatus = 429;

        // Act
        using var first = await setup.Host.Gateway.GetAsync("/shop/items", ct);
        using var second = await setup.Host.Gateway.GetAsync("/shop/items", ct);
        using var third = await setup.Host.Gateway.GetAsync("/shop/items", ct);

        // Assert
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable], new[] { first.StatusCode, second.StatusCode }.Order());
        await ProblemBody.AssertAsync(third, 503, "no_healthy_upstream", ct);
    }

    [Fact]
    public async Task Failover_TargetKilledDuringStream_NoCallFailsActiveChecksBringItBackAllDown503()
    {
        // Arrange: three targets, retries (backend default 5), passive tcp failures 1, active http probes every 0.05 s
        var ct = TestContext.Current.CancellationToken;
        var checks = new UpstreamHealthchecks
        {
            Active = QuickActive,
            Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { TcpFailures = 1 } },
        };
        await using var setup = await SetupAsync(checks, 3, ct);
        var killed = setup.Targets[1];
        var statuses = new System.Collections.Concurrent.ConcurrentQueue<HttpStatusCode>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        async Task StreamAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await setup.Host.Gateway.GetAsync("/shop/items", ct);
                statuses.Enqueue(response.StatusCode);
            }
        }

        // Act: four callers stream requests; one target is killed in the middle of the stream
        var stream = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(StreamAsync, ct)));
        await Setup.WaitUntilAsync(() => statuses.Count >= 40, ct);
        await killed.StopAsync();
        await setup.WaitForAsync(killed, healthy: false, ct);
        var atDetection = statuses.Count;
        await Setup.WaitUntilAsync(() => statuses.Count >= atDetection + 10, ct); // calls already past the balancer finish
        var retriesAfterDetection = await RetriesAsync(setup, ct);
        var countBefore = statuses.Count;
        var servedBefore = setup.Targets[0].RequestCount + setup.Targets[2].RequestCount;
        await Setup.WaitUntilAsync(() => statuses.Count >= countBefore + 60, ct);
        var retriesLater = await RetriesAsync(setup, ct);
        var servedAfterDetection = setup.Targets[0].RequestCount + setup.Targets[2].RequestCount - servedBefore;

        // Act: the target comes back on the same port; active probes see it healthy again
        await killed.RestartAsync(ct);
        await setup.WaitForAsync(killed, healthy: true, ct);
        var killedBefore = killed.RequestCount;
        await Setup.WaitUntilAsync(() => killed.RequestCount > killedBefore, ct);
        await stop.CancelAsync();
        await stream;

        // Assert: no caller saw a failure, before or after the detection
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(retriesAfterDetection > 0, "the calls that met the killed target before the detection were retried");
        Assert.Equal(retriesAfterDetection, retriesLater); // after the detection no call goes to the killed target
        Assert.True(servedAfterDetection >= 50, $"the other targets served {servedAfterDetection} calls after the detection");
        Assert.Equal(HealthSources.Active, setup.State(killed).ChangedBy);

        // Act: every target stops; once each is detected the gateway answers 503 no_healthy_upstream
        foreach (var target in setup.Targets)
        {
            await target.StopAsync();
        }

        await Setup.WaitUntilAsync(() => setup.Targets.All(t => !setup.State(t).Healthy), ct);
        using var down = await setup.Host.Gateway.GetAsync("/shop/items", ct);

        // Assert
        await ProblemBody.AssertAsync(down, 503, "no_healthy_upstream", ct);
    }

    [Fact]
    public async Task Active_ConcurrencyOne_ProbesOneAtATime()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var meter = new ConcurrencyMeter();
        var checks = new UpstreamHealthchecks { Active = QuickActive with { Concurrency = 1 } };

        // Act
        await using var setup = await SetupAsync(checks, 3, ct, t =>
        {
            t.Meter = meter;
            t.HealthDelay = TimeSpan.FromMilliseconds(60);
        });
        await Setup.WaitUntilAsync(() => setup.Targets.All(t => t.ProbeCount >= 2), ct);

        // Assert
        Assert.Equal(1, meter.Max);
        Assert.All(setup.Targets, t => Assert.True(setup.State(t).Healthy));
    }

    [Fact]
    public async Task Active_HealthyIntervalZero_OnlyUnhealthyTargetsProbedAndBroughtBack()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var checks = new UpstreamHealthchecks { Active = QuickActive with { Healthy = new ActiveHealthy { Interval = 0, Successes = 1 } } };
        await using var setup = await SetupAsync(checks, 3, ct);
        await setup.Service.UpdateTargetAsync("shop-pool", setup.Targets[2].Target, new UpstreamTargetInput { Weight = 0 }, GatewayHost.TestActor, ct);
        await setup.Host.WaitForConfigAsync(ct);

        // Act
        await setup.Service.SetTargetHealthAsync("shop-pool", setup.Targets[2].Target, healthy: false, GatewayHost.TestActor, ct);
        await setup.Service.SetTargetHealthAsync("shop-pool", setup.Targets[0].Target, healthy: false, GatewayHost.TestActor, ct);
        await setup.WaitForAsync(setup.Targets[0], healthy: true, ct);
        var probes = setup.Targets[0].ProbeCount;
        await Task.Delay(250, ct);

        // Assert
        Assert.Equal(HealthSources.Active, setup.State(setup.Targets[0]).ChangedBy);
        Assert.Equal(probes, setup.Targets[0].ProbeCount);
        Assert.Equal(0, setup.Targets[1].ProbeCount);
        Assert.Equal(0, setup.Targets[2].ProbeCount);
        Assert.False(setup.State(setup.Targets[2]).Healthy);
    }

    [Fact]
    public async Task Active_TargetsAddedAndRemoved_ScheduleFollowsSnapshot()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(new UpstreamHealthchecks { Active = QuickActive }, 1, ct);
        await using var added = await HealthTarget.StartAsync(ct);
        await Setup.WaitUntilAsync(() => setup.Targets[0].ProbeCount > 0, ct);

        // Act
        await setup.Service.AddTargetAsync("shop-pool", new UpstreamTargetInput { Target = added.Target }, GatewayHost.TestActor, ct);
        await setup.Service.RemoveTargetAsync("shop-pool", setup.Targets[0].Target, GatewayHost.TestActor, ct);
        await setup.Host.WaitForConfigAsync(ct);
        await Setup.WaitUntilAsync(() => added.ProbeCount > 0, ct);
        await Task.Delay(100, ct);
        var removedProbes = setup.Targets[0].ProbeCount;
        await Task.Delay(250, ct);

        // Assert
        Assert.Equal(removedProbes, setup.Targets[0].ProbeCount);
        Assert.True(added.ProbeCount >= 2);
    }

    [Fact]
    public async Task Metrics_TargetsAndChanges_Exported()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await SetupAsync(new UpstreamHealthchecks(), 2, ct);
        var service = setup.Host.Services.GetRequiredService<UpstreamService>();
        await service.SetTargetHealthAsync("shop-pool", setup.Targets[0].Target, healthy: false, GatewayHost.TestActor, ct);

        // Act
        var text = await setup.Host.Console.GetStringAsync("/metrics", ct);

        // Assert
        Assert.Contains($"apimanager_upstream_target_healthy{{upstream=\"shop-pool\",target=\"{setup.Targets[0].Target}\"}} 0", text, StringComparison.Ordinal);
        Assert.Contains($"apimanager_upstream_target_healthy{{upstream=\"shop-pool\",target=\"{setup.Targets[1].Target}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"apimanager_upstream_target_health_changes_total{{upstream=\"shop-pool\",target=\"{setup.Targets[0].Target}\",state=\"unhealthy\"}} 1", text, StringComparison.Ordinal);
    }

    /// <summary>The gateway's connect-error retries so far, from <c>/metrics</c>.</summary>
    private static async Task<long> RetriesAsync(Setup setup, CancellationToken ct)
    {
        var text = await setup.Host.Console.GetStringAsync("/metrics", ct);
        var match = System.Text.RegularExpressions.Regex.Match(text, "apimanager_upstream_retries_total\\{reason=\"connect_error\"\\} (\\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<Setup> SetupAsync(UpstreamHealthchecks checks, int count, CancellationToken ct, Action<HealthTarget>? configure = null)
    {
        var targets = new List<HealthTarget>();
        for (var i = 0; i < count; i++)
        {
            var target = await HealthTarget.StartAsync(ct);
            configure?.Invoke(target);
            targets.Add(target);
        }

        var host = await GatewayHost.StartAsync(ct);
        var service = host.Services.GetRequiredService<UpstreamService>();
        var upstream = await service.CreateAsync(new UpstreamInput { Name = "shop-pool", Healthchecks = checks }, GatewayHost.TestActor, ct);
        foreach (var target in targets)
        {
            await service.AddTargetAsync("shop-pool", new UpstreamTargetInput { Target = target.Target }, GatewayHost.TestActor, ct);
        }

        var backend = await host.Backends.CreateAsync(new BackendInput { Name = "shop", Host = "shop-pool", ConnectTimeoutMs = 2000, ReadTimeoutMs = 5000 }, GatewayHost.TestActor, ct);
        await host.CreateApiAsync("shop", "/shop", backend.Id, ct);
        await host.WaitForConfigAsync(ct);
        return new Setup(host, upstream.Id, targets);
    }

    private sealed class Setup(GatewayHost host, int upstreamId, List<HealthTarget> targets) : IAsyncDisposable
    {
        public GatewayHost Host { get; } = host;

        public IReadOnlyList<HealthTarget> Targets { get; } = targets;

        private UpstreamHealthRegistry Registry => Host.Services.GetRequiredService<UpstreamHealthRegistry>();

        public TargetHealthState State(HealthTarget target) => Registry.Get(upstreamId, target.Target);

        public UpstreamService Service => Host.Services.GetRequiredService<UpstreamService>();

        /// <summary>Polls until <paramref name="condition"/> holds (10 s at most).</summary>
        public static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            while (!condition())
            {
                await Task.Delay(10, deadline.Token);
            }
        }

        /// <summary>Polls the registry until the target has the wanted state (10 s at most).</summary>
        public Task WaitForAsync(HealthTarget target, bool healthy, CancellationToken ct) => WaitUntilAsync(() => State(target).Healthy == healthy, ct);

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            foreach (var target in Targets)
            {
                await target.DisposeAsync();
            }
        }
    }
}
