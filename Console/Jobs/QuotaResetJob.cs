using ApiManager.Gateway.Traffic;
using Quartz;

namespace ApiManager.Admin.Jobs;

/// <summary>
/// Resets stored API quota usage whose period has ended in the client's time zone (<see cref="ClientQuotaService.ResetEndedPeriodsAsync"/>).
/// Counting never waits for it: the gateway rolls a period on the first call after its boundary.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class QuotaResetJob(ClientQuotaService quotas) : IJob
{
    public static readonly JobKey Key = new("quota-reset", JobsExtensions.Group);

    /// <summary>Every minute at second 0 (UTC): a period boundary in any time zone is reset within a minute.</summary>
    public const string Cron = "0 * * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var reset = await quotas.ResetEndedPeriodsAsync(cancellationToken);
        context.Result = reset == 1 ? "1 client's quota usage reset" : $"{reset} clients' quota usage reset";
    }
}
