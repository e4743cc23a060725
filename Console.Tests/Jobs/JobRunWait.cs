using System.Diagnostics;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Jobs;

/// <summary>Waits for the job run rows the scheduler writes in the background.</summary>
internal static class JobRunWait
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    /// <summary>Polls the job runs until <paramref name="count"/> rows of <paramref name="jobName"/> exist.</summary>
    public static async Task<IReadOnlyList<JobRun>> ForRunsAsync(IServiceProvider services, string jobName, int count, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var runs = await db.JobRuns.AsNoTracking().Where(r => r.JobName == jobName).OrderBy(r => r.Id).ToListAsync(cancellationToken);
                if (runs.Count >= count)
                {
                    return runs;
                }
            }

            if (watch.Elapsed > Limit)
            {
                throw new TimeoutException($"Job '{jobName}' did not record {count} run(s) within {Limit.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
