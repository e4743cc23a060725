using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Tests.CallLog;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Forwarding;

/// <summary>Retries and per-attempt timeouts through the real gateway, against real Kestrel and raw TCP backends.</summary>
public sealed class ForwardRetryGatewayTests
{
    [Fact]
    public async Task Call_UpstreamTargetStopped_EveryRequestSucceedsAndLogRecordsRetriesAndTarget()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var pool = await Pool.StartAsync(retries: 5, ct);
        var (host, live1, live2, dead) = (pool.Host, pool.Live1, pool.Live2, pool.DeadPort);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 80; i++)
        {
            using var request = new HttpRequestMessage(i < 60 ? HttpMethod.Get : HttpMethod.Post, "/shop/items");
            if (request.Method == HttpMethod.Post)
            {
                request.Content = new StringContent("{\"n\":" + i + "}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await host.Gateway.SendAsync(request, ct);
            statuses.Add(response.StatusCode);
        }

        var rows = await CallLogRows.WaitForAsync(host, 80, ct);
        var metrics = await host.Console.GetStringAsync("/metrics", ct);

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(80, live1.RequestCount + live2.RequestCount);
        Assert.Equal(20, rows.Count(r => r.Method == "POST"));
        var liveTargets = new[] { "127.0.0.1:" + live1.Port, "127.0.0.1:" + live2.Port };
        Assert.All(rows, r => Assert.Contains(r.Target, liveTargets));
        var retried = rows.Where(r => r.Retries > 0).ToList();
        Assert.NotEmpty(retried);
        Assert.All(retried, r => Assert.Equal(1, r.Retries));
        Assert.Contains(retried, r => r.Method == "POST");
        Assert.Contains("apimanager_upstream_retries_total{reason=\"connect_error\"} " + retried.Count, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_RetriesZeroAndTargetStopped_StoppedTargetShareFails502()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var pool = await Pool.StartAsync(retries: 0, ct);
        var (host, live1, live2, dead) = (pool.Host, pool.Live1, pool.Live2, pool.DeadPort);

        // Act
        var failed = 0;
        for (var i = 0; i < 30; i++)
        {
            using var response = await host.Gateway.GetAsync("/shop/items", ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failed++;
                await ProblemBody.AssertAsync(response, 502, "bad_gateway", ct);
            }
        }

        var rows = await CallLogRows.WaitForAsync(host, 30, ct);

        // Assert: the balancer's even share of the stopped target (passive health may shorten it, never lengthen it).
        Assert.InRange(failed, 1, 10);
        Assert.Equal(30 - failed, live1.RequestCount + live2.RequestCount);
        Assert.All(rows, r => Assert.Equal(0, r.Retries));
        Assert.Equal(failed, rows.Count(r => r.Target == "127.0.0.1:" + dead && r.ErrorCode == "bad_gateway"));
    }

    [Fact]
    public async Task Post_BackendResetsAfterReadingBody_502AfterExactlyOneAttempt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var raw = RawBackend.Start(_ => RawBehavior.ResetAfterRequest);
        await using var host = await StartHostAsync(ct);
        await CreateApiAsync(host, raw.Port, retries: 3, ct);

        // Act
        using var response = await host.Gateway.PostAsync("/raw/items", new ByteArrayContent(Body(1000)), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 502, "bad_gateway", ct);
        Assert.Equal(1, raw.Connections);
        var row = Assert.Single(await CallLogRows.WaitForAsync(host, 1, ct));
        Assert.Equal(0, row.Retries);
        Assert.Equal("http://127.0.0.1:" + raw.Port, row.Target);
    }

    [Fact]
    public async Task Get_BackendResetsAfterRequest_RetriedUntilRetriesUsedUp()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var raw = RawBackend.Start(_ => RawBehavior.ResetAfterRequest);
        await using var host = await StartHostAsync(ct);
        await CreateApiAsync(host, raw.Port, retries: 2, ct);

        // Act
        using var response = await host.Gateway.GetAsync("/raw/items", ct);

        // Assert
        await ProblemBody.AssertAsync(response, 502, "bad_gateway", ct);
        Assert.Equal(3, raw.Connections);
        var row = Assert.Single(await CallLogRows.WaitForAsync(host, 1, ct));
        Assert.Equal(2, row.Retries);
        Assert.Contains("Retried 2 times; last tried http://127.0.0.1:" + raw.Port, ApiManager.Gateway.CallLog.CallExplanation.For(row).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_BufferedBodyResetOnFirstAttempt_ArrivesByteIdenticalOnRetry()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var raw = RawBackend.Start(i => i == 0 ? RawBehavior.ResetAfterRequest : RawBehavior.AnswerBodyHash);
        await using var host = await StartHostAsync(ct);
        await CreateApiAsync(host, raw.Port, retries: 1, ct);
        var body = Body(200_000);

        // Act
        using var response = await host.Gateway.PutAsync("/raw/items", new ByteArrayContent(body), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(body)), await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(2, raw.Connections);
        Assert.Equal(1, Assert.Single(await CallLogRows.WaitForAsync(host, 1, ct)).Retries);
    }

    [Fact]
    public async Task Put_ResetWhileUploading_RetriedWithWholeBodyAndHeadersSetBeforeForwarding()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var raw = RawBackend.Start(i => i == 0 ? RawBehavior.ResetAfterHead : RawBehavior.AnswerBodyHash);
        await using var host = await StartHostAsync(ct);
        await CreateApiAsync(host, raw.Port, retries: 1, ct, customize: i => i with { Status = ApiManager.Gateway.Apis.ApiStatus.Deprecated });
        var body = Body(1_000_000);

        // Act
        using var response = await host.Gateway.PutAsync("/raw/items", new ByteArrayContent(body), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(body)), await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(2, raw.Connections);
        Assert.StartsWith("@", Assert.Single(response.Headers.GetValues("Deprecation")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FirstTargetRefuses_BodyArrivesByteIdenticalAtNextTarget()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var raw = RawBackend.Start(_ => RawBehavior.AnswerBodyHash);
        var dead = await StoppedPortAsync(ct);
        await using var host = await StartHostAsync(ct);
        await CreateUpstreamApiAsync(host, [dead, raw.Port], retries: 1, ct);
        var bodies = new[] { Body(300_000, seed: 1), Body(300_000, seed: 2) };

        // Act: round robin sends one of the two to the stopped target first.
        var answers = new List<string>();
        foreach (var body in bodies)
        {
            using var response = await host.Gateway.PostAsync("/shop/items", new ByteArrayContent(body), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(ct));
        }

        // Assert
        Assert.Equal(bodies.Select(b => Convert.ToHexString(SHA256.HashData(b))), answers);
        var rows = await CallLogRows.WaitForAsync(host, 2, ct);
        Assert.Equal([0, 1], rows.Select(r => r.Retries).Order());
        Assert.All(rows, r => Assert.Equal("127.0.0.1:" + raw.Port, r.Target));
    }

    [Fact]
    public async Task Put_BodyAboveRetryLimit_NotRetriedAfterSendWhileSmallerBodyIs()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var raw = RawBackend.Start(i => i is 0 or 1 ? RawBehavior.ResetAfterRequest : RawBehavior.AnswerBodyHash);
        await using var host = await StartHostAsync(ct, new() { ["Gateway:Forwarding:MaxRetryBodyBytes"] = "1024" });
        await CreateApiAsync(host, raw.Port, retries: 3, ct);

        // Act
        using var large = await host.Gateway.PutAsync("/raw/items", new ByteArrayContent(Body(4096)), ct);
        var afterLarge = raw.Connections;
        using var small = await host.Gateway.PutAsync("/raw/items", new ByteArrayContent(Body(1024)), ct);

        // Assert
        await ProblemBody.AssertAsync(large, 502, "bad_gateway", ct);
        Assert.Equal(1, afterLarge);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Body(1024))), await small.Content.ReadAsStringAsync(ct));
        Assert.Equal(3, raw.Connections);
    }

    [Fact]
    public async Task Get_BackendSlowerThanReadTimeout_504AfterReadTimeoutPerAttempt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await TestBackend.StartAsync("slow", ct);
        await using var host = await StartHostAsync(ct);
        await CreateApiAsync(host, backend.Port, retries: 1, ct, readTimeoutMs: 300);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/raw/items");
        request.Headers.Add(TestBackend.DelayHeader, "3000");

        // Act
        var watch = Stopwatch.StartNew();
        using var response = await host.Gateway.SendAsync(request, ct);
        watch.Stop();

        // Assert
        await ProblemBody.AssertAsync(response, 504, "gateway_timeout", ct);
        Assert.Equal(2, backend.RequestCount);
        Assert.InRange(watch.ElapsedMilliseconds, 580, 2500);
        var row = Assert.Single(await CallLogRows.WaitForAsync(host, 1, ct));
        Assert.Equal(1, row.Retries);
    }

    [Fact]
    public async Task Post_BackendNeverReadsLargeUpload_504AfterWriteTimeout()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var raw = RawBackend.Start(_ => RawBehavior.NeverRead);
        await using var host = await StartHostAsync(ct);
        await CreateApiAsync(host, raw.Port, retries: 2, ct, writeTimeoutMs: 300);

        // Act
        var watch = Stopwatch.StartNew();
        using var response = await host.Gateway.PostAsync("/raw/upload", new ByteArrayContent(new byte[20 * 1024 * 1024]), ct);
        watch.Stop();

        // Assert: a POST is not retried once sent; the read timeout (10 s) did not fire first.
        await ProblemBody.AssertAsync(response, 504, "gateway_timeout", ct);
        Assert.Equal(1, raw.Connections);
        Assert.InRange(watch.ElapsedMilliseconds, 300, 5000);
    }

    [Fact]
    public async Task Call_UpstreamTargetConnectHangs_ConnectTimeoutRetriedOnOtherTargetForAnyMethod()
    {
        // Arrange: one target whose connects never complete, one live target; connect timeout 300 ms
        var ct = TestContext.Current.CancellationToken;
        using var blackhole = await BlackholeListener.StartAsync(ct);
        await using var live = await TestBackend.StartAsync("live", ct);
        await using var host = await StartHostAsync(ct);
        await CreateUpstreamApiAsync(host, [blackhole.Port, live.Port], retries: 5, ct, connectTimeoutMs: 300);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(i % 2 == 0 ? HttpMethod.Get : HttpMethod.Post, "/shop/items");
            if (request.Method == HttpMethod.Post)
            {
                request.Content = new StringContent("{\"n\":" + i + "}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await host.Gateway.SendAsync(request, ct);
            statuses.Add(response.StatusCode);
        }

        var rows = await CallLogRows.WaitForAsync(host, 6, ct);
        var metrics = await host.Console.GetStringAsync("/metrics", ct);

        // Assert: every call (POST too: nothing was sent) went on to the live target
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(6, live.RequestCount);
        Assert.All(rows, r => Assert.Equal("127.0.0.1:" + live.Port, r.Target));
        var retried = rows.Where(r => r.Retries > 0).ToList();
        Assert.NotEmpty(retried);
        Assert.Contains("apimanager_upstream_retries_total{reason=\"connect_timeout\"} " + retried.Count, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BackendConnectHangs_504AfterConnectTimeoutPerAttempt()
    {
        // Arrange: a single backend whose connects never complete; connect timeout 300 ms, 1 retry
        var ct = TestContext.Current.CancellationToken;
        using var blackhole = await BlackholeListener.StartAsync(ct);
        await using var host = await StartHostAsync(ct);
        await CreateApiAsync(host, blackhole.Port, retries: 1, ct, connectTimeoutMs: 300);

        // Act
        var watch = Stopwatch.StartNew();
        using var response = await host.Gateway.GetAsync("/raw/x", ct);
        watch.Stop();
        var rows = await CallLogRows.WaitForAsync(host, 1, ct);

        // Assert: two attempts of about 300 ms each, then 504
        await ProblemBody.AssertAsync(response, 504, "gateway_timeout", ct);
        Assert.InRange(watch.ElapsedMilliseconds, 550, 5000);
        Assert.Equal(1, Assert.Single(rows).Retries);
    }

    [Fact]
    public async Task Start_NegativeMaxRetryBodyBytes_FailsNamingTheSetting()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            async () => await GatewayHost.StartAsync(ct, settings: new Dictionary<string, string?> { ["Gateway:Forwarding:MaxRetryBodyBytes"] = "-1" }));

        // Assert
        Assert.Contains("MaxRetryBodyBytes", error.Message, StringComparison.Ordinal);
    }

    private static Task<GatewayHost> StartHostAsync(CancellationToken ct, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(CallLogRows.FastWriter);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return GatewayHost.StartAsync(ct, settings: all);
    }

    private static async Task CreateApiAsync(
        GatewayHost host, int port, int retries, CancellationToken ct, int readTimeoutMs = 10000, int writeTimeoutMs = 10000, Func<ApiManager.Gateway.Apis.ApiInput, ApiManager.Gateway.Apis.ApiInput>? customize = null, int connectTimeoutMs = 2000)
    {
        var backend = await host.Backends.CreateAsync(
            new BackendInput { Name = "raw", Host = "127.0.0.1", Port = port, Retries = retries, ConnectTimeoutMs = connectTimeoutMs, ReadTimeoutMs = readTimeoutMs, WriteTimeoutMs = writeTimeoutMs },
            GatewayHost.TestActor,
            ct);
        await host.CreateApiAsync("raw", "/raw", backend.Id, ct, customize);
        await host.WaitForConfigAsync(ct);
    }

    private static async Task CreateUpstreamApiAsync(GatewayHost host, int[] ports, int retries, CancellationToken ct, int connectTimeoutMs = 2000)
    {
        var upstreams = host.Services.GetRequiredService<UpstreamService>();
        await upstreams.CreateAsync(new UpstreamInput { Name = "shop-pool" }, GatewayHost.TestActor, ct);
        foreach (var port in ports)
        {
            await upstreams.AddTargetAsync("shop-pool", new UpstreamTargetInput { Target = "127.0.0.1:" + port, Weight = 100 }, GatewayHost.TestActor, ct);
        }

        var backend = await host.Backends.CreateAsync(
            new BackendInput { Name = "shop", Host = "shop-pool", Retries = retries, ConnectTimeoutMs = connectTimeoutMs, ReadTimeoutMs = 10000 },
            GatewayHost.TestActor,
            ct);
        await host.CreateApiAsync("shop", "/shop", backend.Id, ct);
        await host.WaitForConfigAsync(ct);
    }

    /// <summary>A loopback port nothing listens on (a backend that was started, then stopped): connections are refused.</summary>
    private static async Task<int> StoppedPortAsync(CancellationToken ct)
    {
        var backend = await TestBackend.StartAsync("stopped", ct);
        var port = backend.Port;
        await backend.DisposeAsync();
        return port;
    }

    /// <summary>Three upstream targets: two live backends around a stopped one.</summary>
    private sealed class Pool : IAsyncDisposable
    {
        private Pool(GatewayHost host, TestBackend live1, TestBackend live2, int deadPort)
        {
            Host = host;
            Live1 = live1;
            Live2 = live2;
            DeadPort = deadPort;
        }

        public GatewayHost Host { get; }

        public TestBackend Live1 { get; }

        public TestBackend Live2 { get; }

        public int DeadPort { get; }

        public static async Task<Pool> StartAsync(int retries, CancellationToken ct)
        {
            var live1 = await TestBackend.StartAsync("t0", ct);
            var live2 = await TestBackend.StartAsync("t2", ct);
            var dead = await StoppedPortAsync(ct);
            var host = await StartHostAsync(ct);
            await CreateUpstreamApiAsync(host, [live1.Port, dead, live2.Port], retries, ct);
            return new Pool(host, live1, live2, dead);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Live1.DisposeAsync();
            await Live2.DisposeAsync();
        }
    }

    private static byte[] Body(int length, int seed = 7)
    {
        var body = new byte[length];
        new Random(seed).NextBytes(body);
        return body;
    }
}
