using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using ApiManager.Gateway.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>
/// Kong's active health checks: for every upstream of the serving snapshot with an active interval, probes healthy
/// targets every <c>healthy.interval</c> and unhealthy ones every <c>unhealthy.interval</c> (0 = that side is not probed),
/// at most <c>concurrency</c> probes of one upstream at a time, each within <c>timeout</c>. http/https send
/// <c>GET http_path</c> with the configured headers; tcp only connects. Targets with weight 0 are not probed.
/// </summary>
internal sealed partial class UpstreamActiveHealthChecker(
    UpstreamHealthRegistry health,
    UpstreamHealthMetrics metrics,
    TimeProvider timeProvider,
    ILogger<UpstreamActiveHealthChecker> logger) : BackgroundService, ISnapshotObserver
{
    /// <summary>Longest sleep of the scheduling loop when nothing is due earlier.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(5);

    private readonly Dictionary<(int UpstreamId, string Target), Due> _schedule = [];
    private readonly Dictionary<int, Task> _running = [];
    private readonly Lazy<HttpMessageInvoker> _verifying = new(() => CreateInvoker(verify: true));
    private readonly Lazy<HttpMessageInvoker> _trusting = new(() => CreateInvoker(verify: false));
    private CompiledUpstream[] _upstreams = [];
    private CancellationTokenSource _wake = new();

    public void Activated(GatewaySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var upstreams = snapshot.AllUpstreams.ToArray();
        Volatile.Write(ref _upstreams, upstreams);
        metrics.Track(upstreams.SelectMany(u => u.Targets.Select(t => (u.Name, t.Target, t.Weight > 0 && health.Get(u.Id, t.Target).Healthy))));
        Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Token;
            TimeSpan wait;
            try
            {
                wait = StartDueProbes(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(logger, ex);
                wait = MaxWait;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, wake);
            try
            {
                await Task.Delay(wait, timeProvider, linked.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Woken by a snapshot change or a finished batch.
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running.Values];
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Starts a batch for every upstream with due targets; returns how long to sleep until the next is due.</summary>
    internal TimeSpan StartDueProbes(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var next = now + MaxWait;
        var seen = new HashSet<(int, string)>();
        foreach (var upstream in Volatile.Read(ref _upstreams))
        {
            var checks = upstream.Health;
            if (!checks.ActiveEnabled)
            {
                continue;
            }

            bool busy;
            lock (_running)
            {
                busy = _running.TryGetValue(upstream.Id, out var task) && !task.IsCompleted;
            }

            List<int>? due = null;
            for (var i = 0; i < upstream.Targets.Length; i++)
            {
                var target = upstream.Targets[i];
                var key = (upstream.Id, target.Target);
                if (target.Weight == 0 || !seen.Add(key))
                {
                    continue;
                }

                var healthy = health.Get(upstream.Id, target.Target).Healthy;
                var interval = healthy ? checks.HealthyInterval : checks.UnhealthyInterval;
                if (interval <= TimeSpan.Zero)
                {
                    _schedule.Remove(key);
                    continue;
                }

                if (!_schedule.TryGetValue(key, out var when) || when.Healthy != healthy)
                {
                    when = new Due(healthy, now + interval);
                }

                if (!busy && when.At <= now)
                {
                    (due ??= []).Add(i);
                    when = when with { At = now + interval };
                }

                _schedule[key] = when;
                if (!busy && when.At < next)
                {
                    // While a batch runs, its end wakes the loop; no need to spin on targets already due.
                    next = when.At;
                }
            }

            if (due is not null)
            {
                var batch = ProbeBatchAsync(upstream, due, cancellationToken);
                lock (_running)
                {
                    _running[upstream.Id] = batch;
                }
            }
        }

        foreach (var key in _schedule.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _schedule.Remove(key);
        }

        lock (_running)
        {
            foreach (var id in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
            {
                _running.Remove(id);
            }
        }

        var wait = next - now;
        return wait < MinWait ? MinWait : wait;
    }

    private async Task ProbeBatchAsync(CompiledUpstream upstream, List<int> targets, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            var options = new ParallelOptions { MaxDegreeOfParallelism = upstream.Health.Concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(targets, options, async (index, token) => await ProbeAsync(upstream, upstream.Targets[index].Target, token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogBatchFailed(logger, upstream.Name, ex);
        }
        finally
        {
            Wake();
        }
    }

    /// <summary>Probes one target, keeps the result and counts it.</summary>
    internal async Task ProbeAsync(CompiledUpstream upstream, string target, CancellationToken cancellationToken)
    {
        var checks = upstream.Health;
        var (report, status, result) = await ProbeCoreAsync(checks, target, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        health.SetProbe(upstream.Id, target, result);
        if (report is { } outcome)
        {
            health.Report(upstream.Id, upstream.Name, target, outcome, checks.Active, HealthSources.Active, status, result);
        }
    }

    private async Task<(HealthReport? Report, int Status, string Result)> ProbeCoreAsync(CompiledHealthchecks checks, string target, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(checks.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (checks.ActiveType == HealthcheckTypes.Tcp)
            {
                var (host, port) = Split(target);
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, linked.Token);
                return (HealthReport.Success, 0, "connected");
            }

            var scheme = checks.ActiveType == HealthcheckTypes.Https ? "https" : "http";
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(scheme + "://" + target + checks.HttpPath));
            foreach (var (name, values) in checks.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, values);
            }

            var invoker = checks.ActiveType == HealthcheckTypes.Https && !checks.VerifyCertificate ? _trusting.Value : _verifying.Value;
            using var response = await invoker.SendAsync(request, linked.Token);
            var status = (int)response.StatusCode;
            var text = "HTTP " + status.ToString(CultureInfo.InvariantCulture);
            return (CompiledHealthchecks.Classify(checks.ActiveHealthyStatuses, checks.ActiveUnhealthyStatuses, status), status, text);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (HealthReport.Timeout, 0, "timeout");
        }
        catch (Exception ex) when (ex is SocketException or HttpRequestException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return (HealthReport.TcpFailure, 0, Describe(ex));
        }
    }

    private static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.TimedOut => "timeout",
                    _ => "socket error " + socket.SocketErrorCode,
                };
            }

            if (e is System.Security.Authentication.AuthenticationException)
            {
                return "tls handshake failed";
            }
        }

        return ex is HttpRequestException { HttpRequestError: var error } ? "http error " + error : "connection error";
    }

    private static (string Host, int Port) Split(string target)
    {
        var colon = target.LastIndexOf(':');
        var host = target[..colon].Trim('[', ']');
        return (host, int.Parse(target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static HttpMessageInvoker CreateInvoker(bool verify)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        if (!verify)
        {
            // https_verify_certificate = false: the admin chose to probe targets with self-signed certificates.
#pragma warning disable CA5359 // Intended: Kong's https_verify_certificate = false; only health probes use this handler.
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
#pragma warning restore CA5359
        }

        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private void Wake()
    {
        // The replaced source is not disposed: the loop may still be linking its token (a source without a timer holds nothing).
        var previous = Interlocked.Exchange(ref _wake, new CancellationTokenSource());
        previous.Cancel();
    }

    public override void Dispose()
    {
        if (_verifying.IsValueCreated)
        {
            _verifying.Value.Dispose();
        }

        if (_trusting.IsValueCreated)
        {
            _trusting.Value.Dispose();
        }

        _wake.Dispose();
        base.Dispose();
    }

    private sealed record Due(bool Healthy, DateTimeOffset At);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Active health-check loop failed; retrying.")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Error, Message = "Active health checks of upstream '{Upstream}' failed.")]
    private static partial void LogBatchFailed(ILogger logger, string upstream, Exception exception);
}
