namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>
/// An upstream's health checks as the checker and the passive middleware read them: status lookup tables (index =
/// status), thresholds and intervals, computed once per snapshot.
/// </summary>
internal sealed class CompiledHealthchecks
{
    public CompiledHealthchecks(UpstreamHealthchecks settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var active = settings.Active;
        var passive = settings.Passive;
        ActiveType = active.Type;
        HttpPath = active.HttpPath;
        Timeout = TimeSpan.FromSeconds(active.Timeout);
        Concurrency = Math.Max(1, active.Concurrency);
        VerifyCertificate = active.HttpsVerifyCertificate;
        Headers = [.. active.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, [.. h.Value]))];
        HealthyInterval = TimeSpan.FromSeconds(active.Healthy.Interval);
        UnhealthyInterval = TimeSpan.FromSeconds(active.Unhealthy.Interval);
        ActiveHealthyStatuses = Table(active.Healthy.HttpStatuses);
        ActiveUnhealthyStatuses = Table(active.Unhealthy.HttpStatuses);
        Active = new HealthThresholds(active.Healthy.Successes, active.Unhealthy.HttpFailures, active.Unhealthy.TcpFailures, active.Unhealthy.Timeouts, MayEnable: true);
        PassiveType = passive.Type;
        PassiveHealthyStatuses = Table(passive.Healthy.HttpStatuses);
        PassiveUnhealthyStatuses = Table(passive.Unhealthy.HttpStatuses);
        Passive = new HealthThresholds(passive.Healthy.Successes, passive.Unhealthy.HttpFailures, passive.Unhealthy.TcpFailures, passive.Unhealthy.Timeouts, MayEnable: false);
        PassiveEnabled = Passive.HttpFailures > 0 || Passive.TcpFailures > 0 || Passive.Timeouts > 0 || Passive.Successes > 0;
    }

    public string ActiveType { get; }
    public string HttpPath { get; }
    public TimeSpan Timeout { get; }
    public int Concurrency { get; }
    public bool VerifyCertificate { get; }
    public KeyValuePair<string, string[]>[] Headers { get; }
    public TimeSpan HealthyInterval { get; }
    public TimeSpan UnhealthyInterval { get; }
    public bool[] ActiveHealthyStatuses { get; }
    public bool[] ActiveUnhealthyStatuses { get; }
    public HealthThresholds Active { get; }

    /// <summary>Whether the checker probes this upstream at all (one of the intervals is set).</summary>
    public bool ActiveEnabled => HealthyInterval > TimeSpan.Zero || UnhealthyInterval > TimeSpan.Zero;

    public string PassiveType { get; }
    public bool[] PassiveHealthyStatuses { get; }
    public bool[] PassiveUnhealthyStatuses { get; }
    public HealthThresholds Passive { get; }

    /// <summary>False when every passive threshold is 0: the middleware then skips the upstream entirely.</summary>
    public bool PassiveEnabled { get; }

    /// <summary>The report for a response status, or null when the status is in neither list (Kong ignores it).</summary>
    public static HealthReport? Classify(bool[] healthy, bool[] unhealthy, int status)
    {
        if ((uint)status >= (uint)healthy.Length)
        {
            return null;
        }

        return unhealthy[status] ? HealthReport.HttpFailure : healthy[status] ? HealthReport.Success : null;
    }

    private static bool[] Table(IReadOnlyList<int> statuses)
    {
        var table = new bool[1000];
        foreach (var status in statuses)
        {
            if (status is >= 0 and < 1000)
            {
                table[status] = true;
            }
        }

        return table;
    }
}
