using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary><c>hash_on = consumer</c>: the authenticated client's id keys the ring; without a client the fallback header does.</summary>
public sealed class ConsumerHashTests
{
    private static readonly CompiledUpstream Upstream = new(new Upstream
    {
        Id = 1,
        Name = "u",
        Algorithm = UpstreamAlgorithms.ConsistentHashing,
        HashOn = UpstreamHashKinds.Consumer,
        HashFallback = UpstreamHashKinds.Header,
        HashFallbackHeader = "X-Key",
        Targets = [new UpstreamTarget { Target = "a:1" }, new UpstreamTarget { Target = "b:1" }, new UpstreamTarget { Target = "c:1" }],
    });

    [Fact]
    public void Pick_TwoClients_EachSticksToItsRingTarget()
    {
        // Arrange
        var (policy, health) = UpstreamPolicyTests.Policy(Upstream);
        var view = Upstream.View(health);
        var first = ClientRowsFactory.Entry(1);
        var second = Enumerable.Range(2, 100).Select(id => ClientRowsFactory.Entry(id))
            .First(c => view.Locate(CompiledUpstream.Hash(c.ClientId)) != view.Locate(CompiledUpstream.Hash(first.ClientId)));
        var destinations = UpstreamPolicyTests.Destinations("a:1", "b:1", "c:1");

        // Act
        var firstPicks = Enumerable.Range(0, 20).Select(_ => Pick(policy, destinations, first, null)).Distinct().ToList();
        var secondPicks = Enumerable.Range(0, 20).Select(_ => Pick(policy, destinations, second, null)).Distinct().ToList();

        // Assert
        Assert.Equal(Upstream.Targets[view.Locate(CompiledUpstream.Hash(first.ClientId))].Target, Assert.Single(firstPicks));
        Assert.Equal(Upstream.Targets[view.Locate(CompiledUpstream.Hash(second.ClientId))].Target, Assert.Single(secondPicks));
        Assert.NotEqual(firstPicks[0], secondPicks[0]);
    }

    [Fact]
    public void Pick_NoClient_FallbackHeaderKeysTheRing()
    {
        // Arrange
        var (policy, health) = UpstreamPolicyTests.Policy(Upstream);
        var destinations = UpstreamPolicyTests.Destinations("a:1", "b:1", "c:1");
        var expected = Upstream.Targets[Upstream.View(health).Locate(CompiledUpstream.Hash("tenant-7"))].Target;

        // Act
        var picks = Enumerable.Range(0, 20).Select(_ => Pick(policy, destinations, null, "tenant-7")).Distinct().ToList();

        // Assert
        Assert.Equal(expected, Assert.Single(picks));
    }

    [Fact]
    public void Pick_NoClientNoFallbackKey_NotHashedRoundRobin()
    {
        // Arrange
        var (policy, _) = UpstreamPolicyTests.Policy(Upstream);
        var destinations = UpstreamPolicyTests.Destinations("a:1", "b:1", "c:1");

        // Act
        var picks = Enumerable.Range(0, 30).Select(_ => Pick(policy, destinations, null, null)).ToList();

        // Assert
        Assert.Equal([10, 10, 10], picks.GroupBy(p => p).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count()));
    }

    private static string Pick(UpstreamLoadBalancingPolicy policy, DestinationState[] destinations, Gateway.Clients.Runtime.ClientEntry? client, string? header)
    {
        var context = new DefaultHttpContext();
        if (client is not null)
        {
            context.Features.Set(new CallerFeature(client, CredentialTypes.XApiKey, "key-1", null));
        }

        if (header is not null)
        {
            context.Request.Headers["X-Key"] = header;
        }

        return policy.PickDestination(context, new ClusterState("backend-1"), destinations)!.DestinationId;
    }
}
