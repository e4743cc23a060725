using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.IO.Hashing;

namespace ApiManager.Gateway.Upstreams.Runtime;

/// <summary>
/// An upstream as the balancer reads it: immutable settings and targets (sorted, so every node builds the same ring),
/// plus a cached <see cref="BalancerView"/> rebuilt only when target health changes.
/// </summary>
internal sealed class CompiledUpstream
{
    /// <summary>Most ring points one target may get (see <see cref="PointsFor"/>).</summary>
    internal const int MaxRingPoints = 1 << 20;

    private BalancerView? _view;

    public CompiledUpstream(Upstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        Id = upstream.Id;
        Name = upstream.Name;
        Algorithm = upstream.Algorithm;
        HashOn = new HashSource(upstream.HashOn, upstream.HashOn switch
        {
            UpstreamHashKinds.Header => upstream.HashOnHeader,
            UpstreamHashKinds.Cookie => upstream.HashOnCookie,
            UpstreamHashKinds.QueryArg => upstream.HashOnQueryArg,
            _ => null,
        });
        HashFallback = new HashSource(upstream.HashFallback, upstream.HashFallback switch
        {
            UpstreamHashKinds.Header => upstream.HashFallbackHeader,
            UpstreamHashKinds.QueryArg => upstream.HashFallbackQueryArg,
            _ => null,
        });
        CookiePath = string.IsNullOrEmpty(upstream.HashOnCookiePath) ? "/" : upstream.HashOnCookiePath;
        Slots = upstream.Slots;
        Health = new Health.CompiledHealthchecks(upstream.Healthchecks ?? new UpstreamHealthchecks());
        Targets = [.. upstream.Targets.OrderBy(t => t.Target, StringComparer.Ordinal).Select(t => new CompiledTarget(t.Target, t.Weight))];
        var indexes = new Dictionary<string, int>(Targets.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Targets.Length; i++)
        {
            indexes[Targets[i].Target] = i;
        }

        TargetIndexes = indexes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public int Id { get; }
    public string Name { get; }
    public string Algorithm { get; }
    public HashSource HashOn { get; }
    public HashSource HashFallback { get; }
    public string CookiePath { get; }
    public int Slots { get; }

    /// <summary>The upstream's active and passive health checks.</summary>
    public Health.CompiledHealthchecks Health { get; }

    /// <summary>Targets sorted ordinally; a target's index is its identity inside views.</summary>
    public CompiledTarget[] Targets { get; }

    /// <summary>Target (= YARP destination id) → index in <see cref="Targets"/>.</summary>
    public FrozenDictionary<string, int> TargetIndexes { get; }

    /// <summary>Whether requests are hashed (consistent-hashing with a hash source).</summary>
    public bool Hashes => Algorithm == UpstreamAlgorithms.ConsistentHashing && HashOn.Kind != UpstreamHashKinds.None;

    /// <summary>The view for the current health; rebuilt when <paramref name="health"/>'s version moved.</summary>
    public BalancerView View(UpstreamHealthRegistry health)
    {
        var version = health.Version;
        var view = Volatile.Read(ref _view);
        if (view is not null && view.HealthVersion == version)
        {
            return view;
        }

        var healthy = new bool[Targets.Length];
        for (var i = 0; i < Targets.Length; i++)
        {
            healthy[i] = health.Get(Id, Targets[i].Target).Healthy;
        }

        view = BuildView(healthy, version);
        Volatile.Write(ref _view, view);
        return view;
    }

    /// <summary>A view with the given health flags (tests pass their own).</summary>
    internal BalancerView BuildView(bool[] healthy, int version) => new(this, healthy, version);

    /// <summary>
    /// Ring points of a target: <c>slots × weight / 1000</c> (at least one), so ten targets of the default weight fill
    /// <c>slots</c> points and a target's points never depend on the other targets: adding or removing one moves only
    /// the keys it gains or held.
    /// </summary>
    internal static int PointsFor(int slots, int weight) => weight <= 0 ? 0 : (int)Math.Max(1, Math.Min(MaxRingPoints, (long)slots * weight / 1000));

    /// <summary>The 32-bit hash of a key (xxHash32 over its UTF-16 code units).</summary>
    internal static uint Hash(ReadOnlySpan<char> key) => XxHash32.HashToUInt32(MemoryMarshal.AsBytes(key));
}

/// <summary>One target and its configured weight.</summary>
internal sealed record CompiledTarget(string Target, int Weight);

/// <summary>What a hash is computed on (<see cref="UpstreamHashKinds"/>) and the header, cookie or query argument name.</summary>
internal sealed record HashSource(string Kind, string? Name);
