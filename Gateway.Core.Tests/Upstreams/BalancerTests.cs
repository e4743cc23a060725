using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>The balancing algorithms on compiled upstreams, without YARP.</summary>
public sealed class BalancerTests
{
    [Fact]
    public void RoundRobin_OneCycle_ExactlyProportionalAndSmooth()
    {
        // Arrange
        var view = View(Upstream(UpstreamAlgorithms.RoundRobin, ("a:1", 500), ("b:1", 300), ("c:1", 200)));

        // Act
        var picks = Enumerable.Range(0, 10).Select(_ => view.NextRoundRobin()).ToList();

        // Assert: one cycle of 10 (weights / gcd 100) holds each target exactly its weight's share, interleaved as nginx does.
        Assert.Equal(10, view.Cycle!.Length);
        Assert.Equal(5, picks.Count(p => p == 0));
        Assert.Equal(3, picks.Count(p => p == 1));
        Assert.Equal(2, picks.Count(p => p == 2));
        Assert.Equal([0, 1, 2, 0, 0, 1, 0, 2, 1, 0], picks);
    }

    [Fact]
    public void RoundRobin_10000Picks_Within2PercentOfWeights()
    {
        // Arrange: co-prime weights make a long cycle (1+7+13+101 = 122) that 10,000 picks do not divide.
        var weights = new[] { 1, 7, 13, 101 };
        var view = View(Upstream(UpstreamAlgorithms.RoundRobin, [.. weights.Select((w, i) => ($"t{i}:1", w))]));
        var counts = new int[weights.Length];

        // Act
        for (var i = 0; i < 10000; i++)
        {
            counts[view.NextRoundRobin()]++;
        }

        // Assert
        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            var expected = 10000.0 * weights[i] / total;
            Assert.InRange(counts[i], expected - 200, expected + 200);
        }
    }

    [Fact]
    public void RoundRobin_UnhealthyAndZeroWeight_Skipped()
    {
        // Arrange
        var upstream = Upstream(UpstreamAlgorithms.RoundRobin, ("a:1", 100), ("b:1", 0), ("c:1", 100));
        var view = upstream.BuildView([true, true, false], 1);

        // Act
        var picks = Enumerable.Range(0, 20).Select(_ => view.NextRoundRobin()).Distinct().ToList();

        // Assert
        Assert.Equal([0], picks);
    }

    [Fact]
    public void RoundRobin_NoEligibleTarget_MinusOne()
    {
        var upstream = Upstream(UpstreamAlgorithms.RoundRobin, ("a:1", 0), ("b:1", 100));
        var view = upstream.BuildView([true, false], 1);
        Assert.Equal(0, view.EligibleCount);
        Assert.Equal(-1, view.NextRoundRobin());
    }

    [Fact]
    public void RoundRobin_CycleTooLong_LiveModeStillProportional()
    {
        // Arrange: 65535 + 65534 + ... co-prime weights over 17 targets exceed the precomputed cycle limit.
        var targets = Enumerable.Range(0, 17).Select(i => ($"t{i:D2}:1", 65535 - i)).ToArray();
        var view = View(Upstream(UpstreamAlgorithms.RoundRobin, targets));
        var counts = new int[17];

        // Act
        for (var i = 0; i < 17 * 1000; i++)
        {
            counts[view.NextRoundRobin()]++;
        }

        // Assert
        Assert.Null(view.Cycle);
        Assert.All(counts, c => Assert.InRange(c, 990, 1010));
    }

    [Fact]
    public void ConsistentHashing_SameKey_SameTarget()
    {
        // Arrange
        var view = View(Upstream(UpstreamAlgorithms.ConsistentHashing, ("a:1", 100), ("b:1", 100), ("c:1", 100)));

        // Act
        var first = Enumerable.Range(0, 1000).Select(i => view.Locate(CompiledUpstream.Hash("key-" + i))).ToList();
        var second = Enumerable.Range(0, 1000).Select(i => view.Locate(CompiledUpstream.Hash("key-" + i))).ToList();

        // Assert: stable, and every target owns a fair share.
        Assert.Equal(first, second);
        for (var t = 0; t < 3; t++)
        {
            Assert.InRange(first.Count(x => x == t), 250, 420);
        }
    }

    [Fact]
    public void ConsistentHashing_TargetAdded_AboutOneNthOfKeysMoveAllToTheNewTarget()
    {
        // Arrange
        var four = View(Upstream(UpstreamAlgorithms.ConsistentHashing, ("a:1", 100), ("b:1", 100), ("c:1", 100), ("d:1", 100)));
        var fiveUpstream = Upstream(UpstreamAlgorithms.ConsistentHashing, ("a:1", 100), ("b:1", 100), ("c:1", 100), ("d:1", 100), ("e:1", 100));
        var five = View(fiveUpstream);
        var fourUpstream = Upstream(UpstreamAlgorithms.ConsistentHashing, ("a:1", 100), ("b:1", 100), ("c:1", 100), ("d:1", 100));

        // Act
        var moved = 0;
        var movedElsewhere = 0;
        const int keys = 20000;
        for (var i = 0; i < keys; i++)
        {
            var hash = CompiledUpstream.Hash("user-" + i);
            var before = fourUpstream.Targets[four.Locate(hash)].Target;
            var after = fiveUpstream.Targets[five.Locate(hash)].Target;
            if (before != after)
            {
                moved++;
                if (after != "e:1")
                {
                    movedElsewhere++;
                }
            }
        }

        // Assert: about 1/5 of the keys move, and only to the added target.
        Assert.InRange(moved / (double)keys, 0.15, 0.25);
        Assert.Equal(0, movedElsewhere);
    }

    [Fact]
    public void ConsistentHashing_TargetUnhealthy_OnlyItsKeysMove()
    {
        // Arrange
        var upstream = Upstream(UpstreamAlgorithms.ConsistentHashing, ("a:1", 100), ("b:1", 100), ("c:1", 100), ("d:1", 100));
        var all = upstream.BuildView([true, true, true, true], 1);
        var withoutB = upstream.BuildView([true, false, true, true], 2);

        // Act
        var moved = 0;
        const int keys = 20000;
        for (var i = 0; i < keys; i++)
        {
            var hash = CompiledUpstream.Hash("user-" + i);
            var before = all.Locate(hash);
            var after = withoutB.Locate(hash);
            Assert.NotEqual(1, after);
            if (before != after)
            {
                Assert.Equal(1, before);
                moved++;
            }
        }

        // Assert
        Assert.InRange(moved / (double)keys, 0.18, 0.32);
    }

    [Fact]
    public void ConsistentHashing_Weights_ShareFollowsWeight()
    {
        // Arrange
        var view = View(Upstream(UpstreamAlgorithms.ConsistentHashing, ("a:1", 100), ("b:1", 300)));

        // Act
        var onB = Enumerable.Range(0, 20000).Count(i => view.Locate(CompiledUpstream.Hash("k" + i)) == 1);

        // Assert
        Assert.InRange(onB / 20000.0, 0.70, 0.80);
    }

    [Fact]
    public void PointsFor_OwnWeightOnly()
    {
        Assert.Equal(1000, CompiledUpstream.PointsFor(10000, 100));
        Assert.Equal(0, CompiledUpstream.PointsFor(10000, 0));
        Assert.Equal(1, CompiledUpstream.PointsFor(10, 1));
    }

    internal static CompiledUpstream Upstream(string algorithm, params (string Target, int Weight)[] targets) => Upstream(algorithm, UpstreamHashKinds.None, null, targets);

    internal static CompiledUpstream Upstream(string algorithm, string hashOn, string? hashName, params (string Target, int Weight)[] targets) => new(new Upstream
    {
        Id = 1,
        Name = "u",
        Algorithm = algorithm,
        HashOn = hashOn,
        HashOnHeader = hashOn == UpstreamHashKinds.Header ? hashName : null,
        HashOnCookie = hashOn == UpstreamHashKinds.Cookie ? hashName : null,
        HashOnQueryArg = hashOn == UpstreamHashKinds.QueryArg ? hashName : null,
        Targets = [.. targets.Select((t, i) => new UpstreamTarget { Id = i + 1, Target = t.Target, Weight = t.Weight })],
    });

    private static BalancerView View(CompiledUpstream upstream) => upstream.BuildView([.. upstream.Targets.Select(_ => true)], 1);
}
