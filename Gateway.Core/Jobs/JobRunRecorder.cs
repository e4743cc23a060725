using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Jobs;

/// <summary>Stores and reads <see cref="JobRun"/> rows: one per execution of a scheduled job.</summary>
public sealed class JobRunRecorder(IDbContextFactory<GatewayDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>Longest stored message.</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>How long job runs are kept by the housekeeping job.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>Records one execution.</summary>
    public async Task<JobRun> RecordAsync(string jobName, DateTime startedAt, DateTime finishedAt, bool succeeded, string? message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        var run = new JobRun
        {
            JobName = jobName.Length > 200 ? jobName[..200] : jobName,
            StartedAt = startedAt,
            FinishedAt = finishedAt < startedAt ? startedAt : finishedAt,
            Succeeded = succeeded,
            Message = message is { Length: > MaxMessageLength } ? message[..(MaxMessageLength - 1)] + "…" : message,
        };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>The latest run of each named job that has run at least once.</summary>
    public async Task<IReadOnlyDictionary<string, JobRun>> LastRunsAsync(IEnumerable<string> jobNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobNames);
        var result = new Dictionary<string, JobRun>(StringComparer.Ordinal);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        foreach (var name in jobNames.Distinct(StringComparer.Ordinal))
        {
            var last = await db.JobRuns.AsNoTracking()
                .Where(r => r.JobName == name)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (last is not null)
            {
                result[name] = last;
            }
        }

        return result;
    }

    /// <summary>Runs of one job, newest first.</summary>
    public async Task<IReadOnlyList<JobRun>> ListAsync(string jobName, int take, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.JobRuns.AsNoTracking()
            .Where(r => r.JobName == jobName)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deletes runs that started before now minus <see cref="Retention"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime - Retention;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.JobRuns.Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
