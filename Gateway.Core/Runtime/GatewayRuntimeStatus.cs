namespace ApiManager.Gateway.Runtime;

/// <summary>What the console shows about the live snapshot: version, when it was built, and the last rebuild failure.</summary>
public sealed class GatewayRuntimeStatus
{
    private volatile StatusValues _values = new(0, null, 0, null, null);

    /// <summary>Config version of the snapshot serving traffic (0 before the first load).</summary>
    public long ActiveVersion => _values.ActiveVersion;

    /// <summary>When the active snapshot was built (UTC).</summary>
    public DateTime? ActiveBuiltAt => _values.ActiveBuiltAt;

    /// <summary>Number of routes in the active snapshot.</summary>
    public int RouteCount => _values.RouteCount;

    /// <summary>The last rebuild failure, cleared by the next success.</summary>
    public string? LastError => _values.LastError;

    /// <summary>When <see cref="LastError"/> happened (UTC).</summary>
    public DateTime? LastErrorAt => _values.LastErrorAt;

    /// <summary>True once a snapshot serves traffic.</summary>
    public bool IsReady => _values.ActiveBuiltAt is not null;

    /// <summary>Raised after every change, for pages that refresh themselves.</summary>
    public event Action? Changed;

    /// <summary>Records a successful swap.</summary>
    public void ReportSuccess(long version, DateTime builtAt, int routeCount)
    {
        _values = new StatusValues(version, builtAt, routeCount, null, null);
        Changed?.Invoke();
    }

    /// <summary>Records a failed rebuild; the previous snapshot keeps serving.</summary>
    public void ReportFailure(string error, DateTime at)
    {
        var current = _values;
        _values = current with { LastError = error, LastErrorAt = at };
        Changed?.Invoke();
    }

    private sealed record StatusValues(long ActiveVersion, DateTime? ActiveBuiltAt, int RouteCount, string? LastError, DateTime? LastErrorAt);
}
