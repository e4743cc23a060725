namespace Microsoft.AspNetCore.Builder;

/// <summary>Quartz scheduler, mail transport and the jobs that run in-process.</summary>
internal static class JobsExtensions
{
    public static WebApplicationBuilder AddMailAndJobs(this WebApplicationBuilder builder) => builder;
}
