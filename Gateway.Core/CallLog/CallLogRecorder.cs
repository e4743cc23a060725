using System.Diagnostics;
using System.Threading.Channels;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.CallLog;

/// <summary>
/// The request path's side of the call log: copies a finished gateway request into a <see cref="CallRecord"/> and
/// offers it to a bounded channel with <c>TryWrite</c>. When the channel is full the record is dropped and counted;
/// a request never waits for, or fails because of, the log. <see cref="CallLogWriter"/> reads the channel.
/// </summary>
internal sealed class CallLogRecorder
{
    private readonly Channel<CallRecord> _channel;
    private readonly GatewayNetworks _networks;
    private readonly TimeProvider _time;
    private long _dropped;

    public CallLogRecorder(IOptions<CallLogOptions> options, GatewayNetworks networks, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Enabled = settings.Enabled;
        Capacity = Math.Max(1, settings.Capacity);
        _networks = networks;
        _time = time;
        // Wait mode makes TryWrite answer false when full (DropWrite would drop silently, uncounted); nobody ever waits.
        _channel = Channel.CreateBounded<CallRecord>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>False when <c>CallLog:Enabled</c> is off: the middleware then records nothing.</summary>
    public bool Enabled { get; }

    /// <summary>Records the channel holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Records dropped because the channel was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records waiting for the writer.</summary>
    public int Pending => _channel.Reader.Count;

    /// <summary>The writer's end of the channel.</summary>
    public ChannelReader<CallRecord> Reader => _channel.Reader;

    /// <summary>
    /// Queues the record of <paramref name="context"/>'s finished request. <paramref name="method"/>,
    /// <paramref name="path"/> and <paramref name="query"/> were read when the request came in (before any plugin
    /// could rewrite them); <paramref name="failed"/> says the pipeline threw (the server answers 500).
    /// </summary>
    public void Record(HttpContext context, CallFacts facts, string method, string? path, string? query, bool failed)
    {
        var end = Stopwatch.GetTimestamp();
        var response = context.Response;
        var record = new CallRecord
        {
            EndedAt = _time.GetUtcNow(),
            StartTimestamp = facts.StartTimestamp,
            EndTimestamp = end,
            RequestId = context.TraceIdentifier,
            Route = facts.Route,
            Caller = context.Features.Get<CallerFeature>() ?? facts.RefusedCaller,
            CallerIp = _networks.CallerAddress(context),
            Method = method,
            Path = path,
            Query = query,
            Status = failed && !response.HasStarted ? StatusCodes.Status500InternalServerError : response.StatusCode,
            BackendStatus = facts.BackendStatus,
            BackendTicks = facts.BackendTicks,
            BytesIn = context.Request.ContentLength,
            BytesOut = response.ContentLength,
            CacheStatus = facts.CacheStatus,
            Stage = facts.Stage,
            Plugin = facts.Plugin,
            Error = facts.Error,
            Target = facts.Target,
            Retries = facts.Retries,
        };
        Offer(record);
    }

    /// <summary>Queues <paramref name="record"/>, or counts it as dropped when the channel is full.</summary>
    internal bool Offer(CallRecord record)
    {
        if (_channel.Writer.TryWrite(record))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }
}
