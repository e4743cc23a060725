using ApiManager.Gateway.CallLog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the call log: recorder (request path), writer (background), query service and retention.</summary>
internal static class CallLogServiceCollectionExtensions
{
    public static IServiceCollection AddCallLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallLogOptions>()
            .Bind(configuration.GetSection(CallLogOptions.SectionName))
            .Configure(o => o.NodeName = configuration["Gateway:NodeName"] is { Length: > 0 } node ? node : Environment.MachineName)
            .Validate(o => o.Capacity is >= 1 and <= 10_000_000, "CallLog:Capacity must be between 1 and 10000000.")
            .Validate(o => o.BatchSize is >= 1 and <= 10000, "CallLog:BatchSize must be between 1 and 10000.")
            .Validate(o => o.FlushIntervalMs is >= 1 and <= 60000, "CallLog:FlushIntervalMs must be between 1 and 60000.")
            .Validate(o => o.RetentionDays is >= 1 and <= 3650, "CallLog:RetentionDays must be between 1 and 3650.")
            .ValidateOnStart();
        services.TryAddSingleton<CallLogRecorder>();
        services.TryAddSingleton<CallLogMetrics>();
        services.TryAddSingleton<CallLogSignal>();
        services.TryAddSingleton<SqliteCallLogSink>();
        services.TryAddSingleton<ICallLogSink>(sp => sp.GetRequiredService<SqliteCallLogSink>());
        services.AddHostedService<CallLogWriter>();
        services.TryAddSingleton<CallLogService>();
        services.TryAddSingleton<CallLogRetention>();
        return services;
    }
}
