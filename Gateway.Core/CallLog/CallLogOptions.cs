namespace ApiManager.Gateway.CallLog;

/// <summary>Section <c>CallLog</c>: recording of gateway requests.</summary>
public sealed class CallLogOptions
{
    public const string SectionName = "CallLog";

    /// <summary>Whether gateway requests are recorded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Records waiting for the writer; beyond this, records are dropped (and counted).</summary>
    public int Capacity { get; set; } = 20000;

    /// <summary>Most rows written in one transaction.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Pause of the writer after it emptied the queue, in milliseconds.</summary>
    public int FlushIntervalMs { get; set; } = 200;

    /// <summary>Days rows are kept; the retention job deletes older ones.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>The node name recorded with each row (<c>Gateway:NodeName</c>, default the machine name).</summary>
    public string NodeName { get; set; } = "";
}
