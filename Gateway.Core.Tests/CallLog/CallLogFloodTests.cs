using System.Diagnostics;
using System.Net;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>A full call log channel (capacity 1, writer stuck) never slows or fails requests; the drops are counted and exported.</summary>
public sealed class CallLogFloodTests
{
    [Fact]
    public async Task Call_ChannelFullAndWriterBlocked_RequestsSucceedFastAndDropsCounted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var sink = new FakeCallLogSink(blocked: true);
        await using var backend = await TestBackend.StartAsync("flood", ct);
        var settings = new Dictionary<string, string?>(CallLogRows.FastWriter) { ["CallLog:Capacity"] = "1" };
        await using var host = await GatewayHost.StartAsync(ct, services => services.AddSingleton<ICallLogSink>(sink), settings);
        var backendId = (await host.CreateBackendAsync("flood", backend.Port, ct)).Id;
        await host.CreateApiAsync("flood", "/flood", backendId, ct);
        await host.WaitForConfigAsync(ct);
        const int Requests = 200;

        // Act: 8 callers at once, while the writer holds its first batch and the channel's one slot is taken.
        var clock = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < Requests / 8; i++)
            {
                using var response = await host.Gateway.GetAsync("/flood/x", ct);
                codes.Add(response.StatusCode);
            }

            return codes;
        }));
        clock.Stop();
        var recorder = host.Services.GetRequiredService<CallLogRecorder>();
        var dropped = recorder.Dropped;
        var metrics = await host.Console.GetStringAsync("/metrics", ct);
        sink.Release();

        // Assert: the blocked sink waits up to 30 s per batch; requests that waited on it would take that long.
        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.True(dropped >= Requests - 2, $"dropped {dropped}");
        Assert.Contains($"apimanager_call_log_dropped_total {dropped}", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^apimanager_call_log_queue_length [01]$", metrics);
    }
}
