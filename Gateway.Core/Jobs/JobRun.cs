namespace ApiManager.Gateway.Jobs;

/// <summary>One execution of a scheduled job, for the Scheduled jobs page (last result survives restarts).</summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string? Message { get; set; }
}
