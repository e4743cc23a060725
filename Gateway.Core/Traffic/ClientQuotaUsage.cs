namespace ApiManager.Gateway.Traffic;

/// <summary>
/// Stored API quota usage of one client (runtime state, not configuration: no audit, no config version). Written by
/// <see cref="ClientQuotaWriter"/> at most a second behind memory and read back on start so a restart keeps the usage.
/// </summary>
public sealed class ClientQuotaUsage
{
    /// <summary>Database id of the client (primary key; the row goes with the client).</summary>
    public int ClientId { get; set; }

    /// <summary>Start of the period <see cref="Used"/> belongs to (UTC).</summary>
    public DateTime PeriodStart { get; set; }

    public long Used { get; set; }

    public DateTime UpdatedAt { get; set; }
}
