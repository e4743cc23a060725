using System.Collections.Frozen;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>One API client as the gateway enforces it, everything precomputed when the snapshot is built.</summary>
internal sealed class ClientEntry
{
    /// <summary>Database id.</summary>
    public required int Id { get; init; }

    /// <summary>Client ID as stored (sent to the backend in <c>X-Consumer-ID</c>).</summary>
    public required string ClientId { get; init; }

    /// <summary>Client name (sent in <c>X-Consumer-Username</c>).</summary>
    public required string ClientName { get; init; }

    /// <summary>Application No. (sent in <c>X-Consumer-Custom-ID</c>, Kong's consumer custom_id); null when not set.</summary>
    public string? CustomId { get; init; }

    public required string PasswordHash { get; init; }

    public required ClientStatus Status { get; init; }

    public required int FailedAttemptThreshold { get; init; }

    /// <summary>
    /// Failed attempts stored in the database when the snapshot was read; 0 for an enabled client whose stored count
    /// reached the threshold (an admin unlocked it without clearing the count).
    /// </summary>
    public required int FailedAttempts { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Calls allowed per second on this node (TPS/Node); 0 = unlimited.</summary>
    public int TpsPerNode { get; init; }

    /// <summary>Calls allowed per <see cref="QuotaResetPeriod"/>; 0 = unlimited.</summary>
    public long ApiQuota { get; init; }

    /// <summary>When the API quota usage starts again from zero (in <see cref="TimeZone"/>).</summary>
    public QuotaResetPeriod QuotaResetPeriod { get; init; } = QuotaResetPeriod.Daily;

    /// <summary>Admission priority when the node is saturated: 0 (highest) to 9.</summary>
    public int Priority { get; init; } = ApiClient.DefaultPriority;

    public DateOnly? StartDate { get; init; }

    public DateOnly? ExpiryDate { get; init; }

    public required TimeWindow ServiceTime { get; init; }

    /// <summary>True when the client has IP bindings (then the caller must match <see cref="IpBindings"/>).</summary>
    public required bool RequiresIpBinding { get; init; }

    public required IpRangeSet IpBindings { get; init; }

    public required ClientAudience Audience { get; init; }

    /// <summary>Security level code (informational).</summary>
    public required string SecurityLevel { get; init; }

    /// <summary>API id → the client's groups (direct or through scopes) that contain the API.</summary>
    public required FrozenDictionary<int, GroupWindow[]> Grants { get; init; }

    /// <summary>True when validity dates and service time never restrict the client (skips the time-zone conversion).</summary>
    public bool IsAlwaysValid => StartDate is null && ExpiryDate is null && ServiceTime.IsAllDay;
}
