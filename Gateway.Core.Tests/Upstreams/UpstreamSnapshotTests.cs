using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>How the snapshot turns a backend whose host names an upstream into a balanced cluster.</summary>
public sealed class UpstreamSnapshotTests
{
    private static readonly DateTime BuiltAt = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_BackendHostNamesUpstream_ClusterHasTargetsAndPolicy()
    {
        // Arrange
        var backend = CatalogRowsFactory.Backend(1, host: "Orders.Pool");
        backend.Protocol = BackendProtocol.Https;
        var upstream = new Upstream
        {
            Id = 9,
            Name = "orders.pool",
            Targets = [new UpstreamTarget { Target = "b.internal:8443", Weight = 10 }, new UpstreamTarget { Target = "a.internal:8443", Weight = 0 }],
        };
        var rows = new CatalogRows(1, [backend, CatalogRowsFactory.Backend(2, host: "plain.internal")], [CatalogRowsFactory.Api(1, "/orders"), CatalogRowsFactory.Api(2, "/plain", backendId: 2)], Upstreams: [upstream]);

        // Act
        var metrics = new GatewayMetrics();
        var snapshot = SnapshotBuilder.Build(rows, BuiltAt, metrics);

        // Assert
        var balanced = snapshot.ClusterConfigs.Single(c => c.ClusterId == SnapshotBuilder.ClusterIdFor(1));
        Assert.Equal(UpstreamLoadBalancingPolicy.PolicyName, balanced.LoadBalancingPolicy);
        Assert.Equal("orders.pool", balanced.Metadata![UpstreamLoadBalancingPolicy.MetadataKey]);
        Assert.Equal(["a.internal:8443", "b.internal:8443"], balanced.Destinations!.Keys.Order());
        Assert.Equal("https://b.internal:8443", balanced.Destinations["b.internal:8443"].Address);
        Assert.Equal("2", balanced.Metadata[GatewayMetadataKeys.Retries]);
        var compiled = Assert.Single(snapshot.Upstreams).Value;
        Assert.Equal(9, compiled.Id);
        Assert.Equal(["a.internal:8443", "b.internal:8443"], compiled.Targets.Select(t => t.Target));

        var plain = snapshot.ClusterConfigs.Single(c => c.ClusterId == SnapshotBuilder.ClusterIdFor(2));
        Assert.Null(plain.LoadBalancingPolicy);
        Assert.Equal([SnapshotBuilder.DestinationId], plain.Destinations!.Keys);
        Assert.Same(UpstreamErrors.NoHealthyUpstream, snapshot.Routes[SnapshotBuilder.RouteIdFor(1)].NoDestinationError);
        Assert.Same(GatewayError.BackendUnavailable, snapshot.Routes[SnapshotBuilder.RouteIdFor(2)].NoDestinationError);
    }

    [Fact]
    public void Build_UpstreamWithHealthchecks_CompiledIntoSnapshot()
    {
        // Arrange
        var upstream = new Upstream
        {
            Id = 9,
            Name = "orders.pool",
            Healthchecks = new UpstreamHealthchecks
            {
                Active = new ActiveHealthcheck { Type = HealthcheckTypes.Tcp, Timeout = 0.2, Unhealthy = new ActiveUnhealthy { Interval = 0.1, TcpFailures = 2 } },
                Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { HttpStatuses = [502], HttpFailures = 4 } },
            },
            Targets = [new UpstreamTarget { Target = "a.internal:80" }],
        };
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend(1, host: "orders.pool")], [CatalogRowsFactory.Api(1, "/orders")], Upstreams: [upstream]);

        // Act
        var health = Assert.Single(SnapshotBuilder.Build(rows, BuiltAt, new GatewayMetrics()).Upstreams).Value.Health;

        // Assert
        Assert.True(health.ActiveEnabled);
        Assert.Equal(HealthcheckTypes.Tcp, health.ActiveType);
        Assert.Equal(TimeSpan.FromSeconds(0.2), health.Timeout);
        Assert.Equal(TimeSpan.Zero, health.HealthyInterval);
        Assert.Equal(TimeSpan.FromSeconds(0.1), health.UnhealthyInterval);
        Assert.Equal(2, health.Active.TcpFailures);
        Assert.True(health.PassiveEnabled);
        Assert.Equal(4, health.Passive.HttpFailures);
        Assert.False(health.Passive.MayEnable);
        Assert.True(health.PassiveUnhealthyStatuses[502]);
        Assert.False(health.PassiveUnhealthyStatuses[500]);
    }
}
