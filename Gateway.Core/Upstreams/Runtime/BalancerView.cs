namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>
/// The balancing data for one health state of an upstream: eligible targets (weight &gt; 0 and healthy), the smooth
/// weighted round-robin cycle (nginx's algorithm, precomputed so a pick is one interlocked increment) and the hash ring.
/// </summary>
internal sealed class BalancerView
{
    /// <summary>Longest precomputed cycle; beyond it the picks run nginx's algorithm live under a lock.</summary>
    internal const int MaxCycle = 1 << 20;

    private readonly Lock _liveLock = new();
    private readonly int[] _liveWeights;
    private readonly long[] _liveCurrent;
    private long _counter = -1;

    public BalancerView(CompiledUpstream upstream, bool[] healthy, int healthVersion)
    {
        HealthVersion = healthVersion;
        var targets = upstream.Targets;
        Eligible = new bool[targets.Length];
        var weights = new int[targets.Length];
        var gcd = 0;
        long total = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i].Weight > 0 && healthy[i])
            {
                Eligible[i] = true;
                weights[i] = targets[i].Weight;
                gcd = Gcd(gcd, weights[i]);
                total += weights[i];
                EligibleCount++;
            }
        }

        _liveWeights = weights;
        _liveCurrent = new long[targets.Length];
        if (EligibleCount > 0 && total / gcd <= MaxCycle)
        {
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] /= gcd;
            }

            Cycle = SmoothCycle(weights, (int)(total / gcd));
        }

        (RingHashes, RingTargets) = BuildRing(upstream, healthy);
    }

    /// <summary>The <see cref="UpstreamHealthRegistry.Version"/> this view was built for.</summary>
    public int HealthVersion { get; }

    /// <summary>Per target: may it receive traffic.</summary>
    public bool[] Eligible { get; }

    public int EligibleCount { get; }

    /// <summary>One full smooth weighted round-robin cycle of target indexes, or null when too long (live mode) or empty.</summary>
    public int[]? Cycle { get; }

    /// <summary>Sorted point hashes of the ring (eligible targets only).</summary>
    public uint[] RingHashes { get; }

    /// <summary>The target index of each ring point.</summary>
    public int[] RingTargets { get; }

    /// <summary>The next target of the weighted round-robin, or -1 when none is eligible.</summary>
    public int NextRoundRobin()
    {
        if (EligibleCount == 0)
        {
            return -1;
        }

        var n = Interlocked.Increment(ref _counter);
        if (Cycle is { } cycle)
        {
            return cycle[(int)((ulong)n % (ulong)cycle.Length)];
        }

        lock (_liveLock)
        {
            return SmoothStep(_liveWeights, _liveCurrent);
        }
    }

    /// <summary>A rotating start for scans (ties in least-connections).</summary>
    public int NextOffset(int modulo) => modulo <= 0 ? 0 : (int)((ulong)Interlocked.Increment(ref _counter) % (ulong)modulo);

    /// <summary>The target owning <paramref name="hash"/> on the ring (first point at or after it, wrapping), or -1.</summary>
    public int Locate(uint hash)
    {
        var hashes = RingHashes;
        if (hashes.Length == 0)
        {
            return -1;
        }

        var index = Array.BinarySearch(hashes, hash);
        if (index < 0)
        {
            index = ~index;
        }

        return RingTargets[index == hashes.Length ? 0 : index];
    }

    private static (uint[] Hashes, int[] Targets) BuildRing(CompiledUpstream upstream, bool[] healthy)
    {
        if (upstream.Algorithm != UpstreamAlgorithms.ConsistentHashing)
        {
            return ([], []);
        }

        var points = new List<(uint Hash, int Target)>();
        var targets = upstream.Targets;
        for (var i = 0; i < targets.Length; i++)
        {
            if (!healthy[i])
            {
                continue;
            }

            var count = CompiledUpstream.PointsFor(upstream.Slots, targets[i].Weight);
            for (var p = 0; p < count; p++)
            {
                points.Add((CompiledUpstream.Hash(targets[i].Target + "-" + p.ToString(System.Globalization.CultureInfo.InvariantCulture)), i));
            }
        }

        // Equal hashes: the lexically first target wins everywhere, so every node agrees.
        points.Sort((a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : a.Target.CompareTo(b.Target));
        var hashes = new uint[points.Count];
        var owners = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            hashes[i] = points[i].Hash;
            owners[i] = points[i].Target;
        }

        return (hashes, owners);
    }

    private static int[] SmoothCycle(int[] weights, int length)
    {
        var current = new long[weights.Length];
        var cycle = new int[length];
        for (var n = 0; n < length; n++)
        {
            cycle[n] = SmoothStep(weights, current);
        }

        return cycle;
    }

    /// <summary>nginx's smooth weighted round-robin step: every peer gains its weight, the largest is picked and pays the total.</summary>
    private static int SmoothStep(int[] weights, long[] current)
    {
        var best = -1;
        long total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            current[i] += weights[i];
            total += weights[i];
            if (best < 0 || current[i] > current[best])
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            current[best] -= total;
        }

        return best;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
