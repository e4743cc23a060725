using System.Collections.Frozen;
using System.Net;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>The YARP policy: least-connections, hash keys from the request (with fallback and the issued cookie), health.</summary>
public sealed class UpstreamPolicyTests
{
    private const string ClusterId = "backend-1";

    [Fact]
    public void LeastConnections_PicksLeastLoadedRelativeToWeight()
    {
        // Arrange
        var (policy, _) = Policy(BalancerTests.Upstream(UpstreamAlgorithms.LeastConnections, ("a:1", 100), ("b:1", 100), ("c:1", 200)));
        var destinations = Destinations("a:1", "b:1", "c:1");
        destinations[0].ConcurrentRequestCount = 3;
        destinations[1].ConcurrentRequestCount = 1;
        destinations[2].ConcurrentRequestCount = 4;

        // Act
        var picked = policy.PickDestination(new DefaultHttpContext(), new ClusterState(ClusterId), destinations);

        // Assert: loads (n+1)/w are 4/100, 2/100 and 5/200 — b is least loaded.
        Assert.Same(destinations[1], picked);
    }

    [Fact]
    public void LeastConnections_LeastLoadedUnhealthy_NextLeast()
    {
        // Arrange
        var (policy, health) = Policy(BalancerTests.Upstream(UpstreamAlgorithms.LeastConnections, ("a:1", 100), ("b:1", 100), ("c:1", 100)));
        var destinations = Destinations("a:1", "b:1", "c:1");
        destinations[0].ConcurrentRequestCount = 5;
        destinations[1].ConcurrentRequestCount = 0;
        destinations[2].ConcurrentRequestCount = 2;
        health.Set(1, "b:1", healthy: false, "manual");

        // Act
        var picked = policy.PickDestination(new DefaultHttpContext(), new ClusterState(ClusterId), destinations);

        // Assert
        Assert.Same(destinations[2], picked);
    }

    [Fact]
    public void Pick_AllUnhealthyOrDisabled_Null()
    {
        // Arrange
        var (policy, health) = Policy(BalancerTests.Upstream(UpstreamAlgorithms.RoundRobin, ("a:1", 0), ("b:1", 100)));
        health.Set(1, "b:1", healthy: false, "manual");

        // Act
        var picked = policy.PickDestination(new DefaultHttpContext(), new ClusterState(ClusterId), Destinations("a:1", "b:1"));

        // Assert
        Assert.Null(picked);
    }

    [Fact]
    public void Pick_HealthRestored_TargetServesAgain()
    {
        // Arrange
        var (policy, health) = Policy(BalancerTests.Upstream(UpstreamAlgorithms.RoundRobin, ("a:1", 100)));
        var destinations = Destinations("a:1");
        health.Set(1, "a:1", healthy: false, "manual");
        Assert.Null(policy.PickDestination(new DefaultHttpContext(), new ClusterState(ClusterId), destinations));

        // Act
        health.Set(1, "a:1", healthy: true, "manual");
        var picked = policy.PickDestination(new DefaultHttpContext(), new ClusterState(ClusterId), destinations);

        // Assert
        Assert.Same(destinations[0], picked);
    }

    [Fact]
    public void Hash_HeaderKey_SameTargetEveryTime()
    {
        // Arrange
        var (policy, _) = Policy(BalancerTests.Upstream(UpstreamAlgorithms.ConsistentHashing, UpstreamHashKinds.Header, "X-User", ("a:1", 100), ("b:1", 100), ("c:1", 100)));
        var destinations = Destinations("a:1", "b:1", "c:1");

        // Act
        var targets = Enumerable.Range(0, 60).Select(i =>
        {
            var context = new DefaultHttpContext();
            context.Request.Headers["X-User"] = "user-" + (i % 6);
            return (Key: i % 6, Target: policy.PickDestination(context, new ClusterState(ClusterId), destinations)!.DestinationId);
        }).ToList();

        // Assert: each key always lands on one target, and the six keys do not all share one.
        Assert.All(targets.GroupBy(t => t.Key), g => Assert.Single(g.Select(t => t.Target).Distinct()));
        Assert.True(targets.Select(t => t.Target).Distinct().Count() > 1);
    }

    [Fact]
    public void KeyHash_PrimaryMissing_UsesFallback()
    {
        // Arrange
        var upstream = new CompiledUpstream(new Upstream
        {
            Id = 1,
            Name = "u",
            Algorithm = UpstreamAlgorithms.ConsistentHashing,
            HashOn = UpstreamHashKinds.Header,
            HashOnHeader = "X-User",
            HashFallback = UpstreamHashKinds.QueryArg,
            HashFallbackQueryArg = "id",
        });
        var withQuery = new DefaultHttpContext();
        withQuery.Request.QueryString = new QueryString("?id=42");
        var withNothing = new DefaultHttpContext();

        // Act
        var fallback = UpstreamLoadBalancingPolicy.KeyHash(withQuery, upstream);
        var none = UpstreamLoadBalancingPolicy.KeyHash(withNothing, upstream);

        // Assert
        Assert.Equal(CompiledUpstream.Hash("42"), fallback);
        Assert.Null(none);
    }

    [Fact]
    public void KeyHash_Ip_HashesRemoteAddress()
    {
        var upstream = BalancerTests.Upstream(UpstreamAlgorithms.ConsistentHashing, UpstreamHashKinds.Ip, null, ("a:1", 100));
        var one = new DefaultHttpContext();
        one.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        var other = new DefaultHttpContext();
        other.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.4");
        Assert.NotNull(UpstreamLoadBalancingPolicy.KeyHash(one, upstream));
        Assert.NotEqual(UpstreamLoadBalancingPolicy.KeyHash(one, upstream), UpstreamLoadBalancingPolicy.KeyHash(other, upstream));
    }

    [Fact]
    public void KeyHash_CookieAbsent_IssuesCookieAndHashesIt()
    {
        // Arrange
        var upstream = BalancerTests.Upstream(UpstreamAlgorithms.ConsistentHashing, UpstreamHashKinds.Cookie, "sticky", ("a:1", 100));
        var context = new DefaultHttpContext();

        // Act
        var hash = UpstreamLoadBalancingPolicy.KeyHash(context, upstream);

        // Assert
        var setCookie = Assert.Single(context.Response.Headers.SetCookie.ToArray())!;
        Assert.StartsWith("sticky=", setCookie, StringComparison.Ordinal);
        Assert.Contains("; Path=/; SameSite=Lax; HttpOnly", setCookie, StringComparison.Ordinal);
        var value = setCookie["sticky=".Length..setCookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.Equal(CompiledUpstream.Hash(value), hash);
    }

    [Fact]
    public void KeyHash_CookiePresent_NoNewCookie()
    {
        var upstream = BalancerTests.Upstream(UpstreamAlgorithms.ConsistentHashing, UpstreamHashKinds.Cookie, "sticky", ("a:1", 100));
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "sticky=abc";
        Assert.Equal(CompiledUpstream.Hash("abc"), UpstreamLoadBalancingPolicy.KeyHash(context, upstream));
        Assert.Empty(context.Response.Headers.SetCookie.ToArray());
    }

    [Fact]
    public void KeyHash_Path_HashesPath()
    {
        var upstream = BalancerTests.Upstream(UpstreamAlgorithms.ConsistentHashing, UpstreamHashKinds.Path, null, ("a:1", 100));
        var context = new DefaultHttpContext();
        context.Request.Path = "/orders/7";
        Assert.Equal(CompiledUpstream.Hash("/orders/7"), UpstreamLoadBalancingPolicy.KeyHash(context, upstream));
    }

    internal static (UpstreamLoadBalancingPolicy Policy, UpstreamHealthRegistry Health) Policy(CompiledUpstream upstream)
    {
        var catalog = new UpstreamRuntimeCatalog();
        catalog.Activated(new GatewaySnapshot
        {
            Routes = FrozenDictionary<string, RouteInfo>.Empty,
            RouteConfigs = [],
            ClusterConfigs = [],
            Upstreams = new Dictionary<string, CompiledUpstream> { [ClusterId] = upstream }.ToFrozenDictionary(),
            Version = 1,
            BuiltAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        });
        var health = new UpstreamHealthRegistry(new FakeTimeProvider());
        return (new UpstreamLoadBalancingPolicy(catalog, health), health);
    }

    internal static DestinationState[] Destinations(params string[] ids) => [.. ids.Select(id => new DestinationState(id))];
}
