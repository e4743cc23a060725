using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>Reads a gateway host's call log once the writer caught up.</summary>
internal static class CallLogRows
{
    /// <summary>Host settings that make the writer flush within milliseconds.</summary>
    public static readonly Dictionary<string, string?> FastWriter = new()
    {
        ["CallLog:FlushIntervalMs"] = "10",
        ["Gateway:NodeName"] = "node-test",
    };

    /// <summary>Waits (up to 10 s) until the log holds at least <paramref name="count"/> rows; returns them oldest first.</summary>
    public static async Task<IReadOnlyList<CallLogEntry>> WaitForAsync(GatewayHost host, int count, CancellationToken ct)
    {
        var service = host.Services.GetRequiredService<CallLogService>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var page = await service.ListAsync(new CallLogQuery { Limit = CallLogQuery.MaxLimit }, ct);
            if (page.Items.Count >= count)
            {
                return [.. page.Items.Reverse()];
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
