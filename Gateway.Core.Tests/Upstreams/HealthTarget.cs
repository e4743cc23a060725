using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>
/// A real Kestrel target on 127.0.0.1 whose answers the test switches: <see cref="HealthStatus"/> for <c>/health</c>
/// (probes) and <see cref="TrafficStatus"/> for everything else (traffic); each side is counted.
/// </summary>
internal sealed class HealthTarget : IAsyncDisposable
{
    private LoopbackServer? _server;
    private int _probes;
    private int _requests;
    private int _healthStatus = 200;
    private int _trafficStatus = 200;
    private long _healthDelayTicks;

    public int Port { get; private set; }

    public string Target => "127.0.0.1:" + Port;

    public int HealthStatus
    {
        get => Volatile.Read(ref _healthStatus);
        set => Volatile.Write(ref _healthStatus, value);
    }

    public int TrafficStatus
    {
        get => Volatile.Read(ref _trafficStatus);
        set => Volatile.Write(ref _trafficStatus, value);
    }

    /// <summary>How long <c>/health</c> waits before answering.</summary>
    public TimeSpan HealthDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _healthDelayTicks));
        set => Interlocked.Exchange(ref _healthDelayTicks, value.Ticks);
    }

    /// <summary>Shared meter of probes in flight (optional).</summary>
    public ConcurrencyMeter? Meter { get; set; }

    public int ProbeCount => Volatile.Read(ref _probes);

    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>The probe headers last received.</summary>
    public string? LastProbeHeader { get; private set; }

    public static async Task<HealthTarget> StartAsync(CancellationToken cancellationToken)
    {
        var target = new HealthTarget();
        await target.ListenAsync(0, cancellationToken);
        return target;
    }

    /// <summary>Listens again on the same port after <see cref="StopAsync"/> (the target "recovers").</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => ListenAsync(Port, cancellationToken);

    private async Task ListenAsync(int port, CancellationToken cancellationToken)
    {
        _server = await LoopbackServer.StartAsync(HandleAsync, cancellationToken, port);
        Port = _server.Port;
    }

    /// <summary>Stops listening (connections are refused from then on).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/health")
        {
            Interlocked.Increment(ref _probes);
            LastProbeHeader = context.Request.Headers["X-Probe"];
            Meter?.Enter();
            try
            {
                if (HealthDelay > TimeSpan.Zero)
                {
                    await Task.Delay(HealthDelay, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Meter?.Exit();
            }

            context.Response.StatusCode = HealthStatus;
            return;
        }

        Interlocked.Increment(ref _requests);
        context.Response.StatusCode = TrafficStatus;
        await context.Response.WriteAsync("target " + Port, context.RequestAborted);
    }
}
