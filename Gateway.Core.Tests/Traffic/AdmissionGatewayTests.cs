using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Traffic;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Traffic;

/// <summary>
/// Priority admission through a real gateway and a slow backend: under overload priority 0 keeps flowing while
/// priority 9 absorbs the 503 gateway_busy answers.
/// </summary>
public sealed class AdmissionGatewayTests
{
    private const string Password = "Admission-Secret-1";

    [Fact]
    public async Task Overload_Priority0And9Callers_Priority0AdmittedPriority9GetsTheBusyAnswers()
    {
        // Arrange: 4 slots, a 50 ms backend, 3 priority-0 callers (fewer than the slots) against 30 priority-9 callers.
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("admission", ct);
        await using var host = await GatewayHost.StartAsync(ct, settings: new Dictionary<string, string?>
        {
            ["Gateway:Admission:MaxInFlight"] = "4",
            ["Gateway:Admission:MaxWaitMs"] = "250",
            ["Gateway:Admission:QueueLimit"] = "1000",
        });
        var backendId = (await host.CreateBackendAsync("admission", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("admission", "/admission", backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(host, "admission", [api.Id], ct);
        var vip = await ClientSeeder.CreateClientAsync(host, "vip", Password, [group.Id], ct, c => c.Priority = 0);
        var bulk = await ClientSeeder.CreateClientAsync(host, "bulk", Password, [group.Id], ct, c => c.Priority = 9);
        await host.WaitForConfigAsync(ct);
        var results = new ConcurrentBag<(int Priority, HttpStatusCode Status, TimeSpan Latency, string? RetryAfter)>();
        var until = Stopwatch.StartNew();

        async Task CallLoopAsync(string clientId, int priority)
        {
            while (until.Elapsed < TimeSpan.FromSeconds(1.5))
            {
                using var request = ClientEnforcementTests.Request("/admission", clientId, Password);
                request.Headers.Add(TestBackend.DelayHeader, "50");
                var started = Stopwatch.GetTimestamp();
                using var response = await host.Gateway.SendAsync(request, ct);
                results.Add((priority, response.StatusCode, Stopwatch.GetElapsedTime(started), response.Headers.RetryAfter?.ToString()));
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    await ProblemBody.AssertAsync(response, 503, "gateway_busy", ct);
                }
            }
        }

        // Act
        var callers = Enumerable.Range(0, 3).Select(_ => CallLoopAsync(vip.ClientId, 0))
            .Concat(Enumerable.Range(0, 30).Select(_ => CallLoopAsync(bulk.ClientId, 9)))
            .ToArray();
        await Task.WhenAll(callers);

        // Assert
        var p0 = results.Where(r => r.Priority == 0).ToList();
        var p9 = results.Where(r => r.Priority == 9).ToList();
        var p0Busy = p0.Count(r => r.Status == HttpStatusCode.ServiceUnavailable);
        var p9Busy = p9.Count(r => r.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(results, r => Assert.Contains(r.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.True(p0.Count >= 10, $"priority 0 made {p0.Count} calls");
        Assert.True(p0Busy <= p0.Count / 20, $"priority 0: {p0Busy} of {p0.Count} refused");
        Assert.True(p9Busy >= p9.Count / 4, $"priority 9: only {p9Busy} of {p9.Count} refused");
        Assert.True(Median(p0.Where(r => r.Status == HttpStatusCode.OK)) < Median(p9.Where(r => r.Status == HttpStatusCode.OK)), "priority 0 waited longer than priority 9");
        Assert.All(p9.Where(r => r.Status == HttpStatusCode.ServiceUnavailable), r => Assert.Equal("1", r.RetryAfter));
    }

    [Fact]
    public async Task Busy_ClientWithQuota_503SpendsNoQuota()
    {
        // Arrange: one slot held by a slow call; the next call waits 100 ms at most.
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("busy", ct);
        await using var host = await GatewayHost.StartAsync(ct, settings: new Dictionary<string, string?>
        {
            ["Gateway:Admission:MaxInFlight"] = "1",
            ["Gateway:Admission:MaxWaitMs"] = "100",
        });
        var backendId = (await host.CreateBackendAsync("busy", backend.Port, ct)).Id;
        var api = await host.CreateApiAsync("busy", "/busy", backendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(host, "busy", [api.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(host, "busy-client", Password, [group.Id], ct, c => c.ApiQuota = 5);
        await host.WaitForConfigAsync(ct);
        var admission = host.Services.GetRequiredService<PriorityAdmission>();
        using var slow = ClientEnforcementTests.Request("/busy", client.ClientId, Password);
        slow.Headers.Add(TestBackend.DelayHeader, "1000");
        var holding = host.Gateway.SendAsync(slow, ct);
        await ClientEnforcementTests.WaitForAsync(() => Task.FromResult(admission.InFlight == 1), ct);

        // Act
        using var refused = await host.Gateway.SendAsync(ClientEnforcementTests.Request("/busy", client.ClientId, Password), ct);
        using var held = await holding;
        var usage = await host.Services.GetRequiredService<ClientQuotaService>().GetAsync(client.ClientId, ct);

        // Assert
        await ProblemBody.AssertAsync(refused, 503, "gateway_busy", ct);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal(1, usage.Used);
        Assert.Equal(0, admission.InFlight);
    }

    [Theory]
    [InlineData("Gateway:Admission:MaxInFlight", "-1", "MaxInFlight")]
    [InlineData("Gateway:Admission:MaxWaitMs", "0", "MaxWaitMs")]
    [InlineData("Gateway:Admission:QueueLimit", "-5", "QueueLimit")]
    [InlineData("Gateway:Admission:DefaultPriority", "10", "DefaultPriority")]
    public async Task Start_BadAdmissionSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            async () => await GatewayHost.StartAsync(ct, settings: new Dictionary<string, string?> { [key] = value }));

        // Assert
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static TimeSpan Median(IEnumerable<(int Priority, HttpStatusCode Status, TimeSpan Latency, string? RetryAfter)> results)
    {
        var sorted = results.Select(r => r.Latency).Order().ToList();
        return sorted.Count == 0 ? TimeSpan.MaxValue : sorted[sorted.Count / 2];
    }
}
