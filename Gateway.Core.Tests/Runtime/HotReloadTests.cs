using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Runtime;

/// <summary>Config changes reach a running gateway without restart while requests keep flowing.</summary>
public sealed class HotReloadTests
{
    private static readonly TimeSpan Visible = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task ApiService_CreateChangeDeleteWhileRequestsFlow_ChangesVisibleWithoutUnexpectedErrors()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var blue = await TestBackend.StartAsync("blue", ct);
        await using var green = await TestBackend.StartAsync("green", ct);
        await using var host = await GatewayHost.StartAsync(ct);
        var blueId = (await host.CreateBackendAsync("blue", blue.Port, ct)).Id;
        var greenId = (await host.CreateBackendAsync("green", green.Port, ct)).Id;
        await host.CreateApiAsync("stable", "/stable", blueId, ct);
        await host.WaitForConfigAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var observations = new ConcurrentQueue<Observation>();
        var loops = Enumerable.Range(0, 2).Select(_ => RunLoopAsync(host.Gateway, observations, stop.Token)).ToArray();

        // Act + Assert: create
        var created = await host.CreateApiAsync("live", "/live", blueId, ct);
        var createdAfter = await WaitForAsync(observations, o => o.Path == "/live/x" && o.Status == 200 && o.Detail == "blue", ct);

        // change the backend
        var current = (await host.Apis.FindAsync(created.Id, ct))!;
        await host.Apis.UpdateAsync(created.Id, ApiInput.From(current) with { BackendId = greenId }, GatewayHost.TestActor, ct);
        var movedAfter = await WaitForAsync(observations, o => o.Path == "/live/x" && o.Status == 200 && o.Detail == "green", ct);

        // deactivate
        await host.Apis.SetStatusAsync(created.Id, ApiStatus.Inactive, GatewayHost.TestActor, ct);
        var inactiveAfter = await WaitForAsync(observations, o => o.Path == "/live/x" && o.Status == 503 && o.Detail == "api_inactive", ct);

        // delete
        await host.Apis.DeleteAsync(created.Id, GatewayHost.TestActor, ct);
        var deletedAfter = await WaitForAsync(observations, o => o.Path == "/live/x" && o.Status == 404 && o.Detail == "route_not_found", ct);

        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.InRange(createdAfter, TimeSpan.Zero, Visible);
        Assert.InRange(movedAfter, TimeSpan.Zero, Visible);
        Assert.InRange(inactiveAfter, TimeSpan.Zero, Visible);
        Assert.InRange(deletedAfter, TimeSpan.Zero, Visible);
        var all = observations.ToArray();
        Assert.True(all.Length > 20, $"Only {all.Length} requests flowed.");
        Assert.All(all.Where(o => o.Path == "/stable/x"), o => Assert.Equal(200, o.Status));
        Assert.All(all.Where(o => o.Status >= 500), o => Assert.Equal((503, "api_inactive"), (o.Status, o.Detail)));
        Assert.DoesNotContain(all, o => o.Status == 0);
    }

    private static async Task<TimeSpan> WaitForAsync(ConcurrentQueue<Observation> observations, Func<Observation, bool> predicate, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var from = observations.Count;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!observations.Skip(from).Any(predicate))
        {
            await Task.Delay(5, timeout.Token);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task RunLoopAsync(HttpClient client, ConcurrentQueue<Observation> observations, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var path in new[] { "/stable/x", "/live/x" })
            {
                try
                {
                    using var response = await client.GetAsync(path, cancellationToken);
                    var status = (int)response.StatusCode;
                    var detail = status == 200
                        ? (await response.Content.ReadFromJsonAsync<EchoResponse>(cancellationToken))!.Backend
                        : (await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken))!.Code;
                    observations.Enqueue(new Observation(path, status, detail));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException ex)
                {
                    observations.Enqueue(new Observation(path, 0, ex.Message));
                }
            }
        }
    }

    private sealed record Observation(string Path, int Status, string Detail);
}
