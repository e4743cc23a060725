using ApiManager.Gateway.Jobs;

namespace ApiManager.Admin.Jobs;

/// <summary>One scheduled job as the Scheduled jobs page shows it.</summary>
internal sealed record ScheduledJobInfo(
    string Key,
    string Name,
    string Group,
    string? Description,
    string Trigger,
    DateTimeOffset? PreviousFireUtc,
    DateTimeOffset? NextFireUtc,
    JobRun? LastRun);
