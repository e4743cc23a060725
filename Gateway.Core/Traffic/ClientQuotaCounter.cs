using System.Collections.Concurrent;
using System.Threading.Channels;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Traffic;

/// <summary>
/// API quota usage of each limited client on this node, exact under concurrency: the current period is one
/// <see cref="QuotaWindow"/> whose count is raised by compare-and-swap and never past the quota, so with quota N exactly
/// N calls pass however many callers race. The period rolls lazily: the first call after the boundary swaps in a fresh
/// window, so correctness never depends on the reset job's timing. Every counted call queues the client (once until it
/// is written) for <see cref="ClientQuotaWriter"/>. Clients without a quota (0) are not counted at all.
/// </summary>
internal sealed class ClientQuotaCounter(TimeProvider timeProvider) : ISnapshotObserver
{
    /// <summary>Clients waiting to be flushed at most (one entry per client, however many calls).</summary>
    public const int QueueCapacity = 4096;

    private readonly ConcurrentDictionary<int, QuotaState> _states = new();
    private readonly Channel<int> _flushes = Channel.CreateBounded<int>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>The counter's clock (the stored side uses the same one).</summary>
    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Database ids of clients whose usage changed since their last flush.</summary>
    public ChannelReader<int> Flushes => _flushes.Reader;

    /// <summary>
    /// Counts one call of <paramref name="client"/> in its current period. Null when within the quota; else 429
    /// <c>quota_exceeded</c> with <c>Retry-After</c> set to the seconds until the next period (none when it never resets).
    /// </summary>
    public GatewayError? Consume(HttpContext context, ClientEntry client)
    {
        var limit = client.ApiQuota;
        if (limit <= 0)
        {
            return null;
        }

        var state = _states.GetOrAdd(client.Id, static (_, c) => new QuotaState(c.QuotaResetPeriod, c.TimeZone), client);
        var nowTicks = timeProvider.GetUtcNow().UtcTicks;
        var window = Volatile.Read(ref state.Window);
        if (window is null || nowTicks >= window.EndTicks)
        {
            window = Roll(state, window, nowTicks);
        }

        while (true)
        {
            var used = Volatile.Read(ref window.Used);
            if (used >= limit)
            {
                if (window.EndUtc != DateTime.MaxValue)
                {
                    var seconds = (window.EndTicks - nowTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
                    context.Response.Headers.RetryAfter = NumberText.Of(Math.Max(1, seconds));
                }

                return TrafficErrors.QuotaExceeded;
            }

            if (Interlocked.CompareExchange(ref window.Used, used + 1, used) == used)
            {
                break;
            }
        }

        if (Interlocked.Exchange(ref state.Pending, 1) == 0 && !_flushes.Writer.TryWrite(client.Id))
        {
            // Queue full: the next call of this client queues it again.
            Volatile.Write(ref state.Pending, 0);
        }

        return null;
    }

    /// <summary>
    /// Gives back one call counted for <paramref name="client"/> that was then refused before reaching the backend for
    /// a reason that is not the client's (503 <c>gateway_busy</c>). Never below zero; a call counted in the period that
    /// just ended is given back to the new one.
    /// </summary>
    public void Refund(ClientEntry client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.ApiQuota <= 0 || !_states.TryGetValue(client.Id, out var state) || Volatile.Read(ref state.Window) is not { } window)
        {
            return;
        }

        while (true)
        {
            var used = Volatile.Read(ref window.Used);
            if (used <= 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref window.Used, used - 1, used) == used)
            {
                break;
            }
        }

        Queue(client.Id, state);
    }

    /// <summary>The live usage of <paramref name="client"/> in its current period (0 used when it made no call yet).</summary>
    public QuotaUsage UsageOf(ClientEntry client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return UsageOf(client.Id, client.ApiQuota, client.QuotaResetPeriod, client.TimeZone);
    }

    /// <summary>The live usage of client <paramref name="id"/> with the given settings.</summary>
    public QuotaUsage UsageOf(int id, long quota, QuotaResetPeriod period, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var (start, end) = QuotaPeriods.Containing(period, zone, now);
        long used = 0;
        if (quota > 0 && _states.TryGetValue(id, out var state) && Volatile.Read(ref state.Window) is { } window
            && window.StartUtc == start && now.Ticks < window.EndTicks)
        {
            used = Volatile.Read(ref window.Used);
        }

        return new QuotaUsage(quota, used, period, zone, start, end == DateTime.MaxValue ? null : end);
    }

    /// <summary>
    /// Starts the current period of <paramref name="client"/> again from zero (admin reset). True when the client is
    /// counted here; its new state is queued for writing.
    /// </summary>
    public bool Reset(ClientEntry client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.ApiQuota <= 0)
        {
            return false;
        }

        var state = _states.GetOrAdd(client.Id, static (_, c) => new QuotaState(c.QuotaResetPeriod, c.TimeZone), client);
        var (start, end) = QuotaPeriods.Containing(state.Period, state.Zone, timeProvider.GetUtcNow().UtcDateTime);
        Volatile.Write(ref state.Window, new QuotaWindow(start, end, 0));
        Queue(client.Id, state);
        return true;
    }

    /// <summary>
    /// Rolls the window of <paramref name="client"/> when its period has ended (the reset job). True when it rolled.
    /// </summary>
    public bool RollIfEnded(ClientEntry client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!_states.TryGetValue(client.Id, out var state))
        {
            return false;
        }

        var nowTicks = timeProvider.GetUtcNow().UtcTicks;
        var window = Volatile.Read(ref state.Window);
        if (window is not null && nowTicks < window.EndTicks)
        {
            return false;
        }

        Roll(state, window, nowTicks);
        Queue(client.Id, state);
        return true;
    }

    /// <summary>
    /// Takes usage stored before a restart: a row of the client's current period sets the count (the higher of stored
    /// and counted, in case calls arrived first); a row of an ended period counts nothing.
    /// </summary>
    public void Load(ClientEntry client, DateTime storedStartUtc, long storedUsed)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.ApiQuota <= 0)
        {
            return;
        }

        var state = _states.GetOrAdd(client.Id, static (_, c) => new QuotaState(c.QuotaResetPeriod, c.TimeZone), client);
        var nowTicks = timeProvider.GetUtcNow().UtcTicks;
        var window = Volatile.Read(ref state.Window);
        if (window is null || nowTicks >= window.EndTicks)
        {
            window = Roll(state, window, nowTicks);
        }

        if (storedStartUtc != window.StartUtc)
        {
            return;
        }

        while (true)
        {
            var used = Volatile.Read(ref window.Used);
            if (used >= storedUsed || Interlocked.CompareExchange(ref window.Used, storedUsed, used) == used)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes a queued client for flushing: its current period start and count. False when the client is no longer
    /// counted (deleted, made unlimited).
    /// </summary>
    public bool TakeFlush(int id, out DateTime periodStartUtc, out long used)
    {
        if (!_states.TryGetValue(id, out var state) || Volatile.Read(ref state.Window) is not { } window)
        {
            periodStartUtc = default;
            used = 0;
            return false;
        }

        // Cleared before the read: a call counted after the read queues the client again.
        Volatile.Write(ref state.Pending, 0);
        window = Volatile.Read(ref state.Window)!;
        periodStartUtc = window.StartUtc;
        used = Volatile.Read(ref window.Used);
        return true;
    }

    /// <summary>
    /// Follows a new snapshot: drops the counters of deleted or unlimited clients; a changed reset period or time zone
    /// re-bounds the current period from now on, keeping its count. A changed quota needs nothing (read per call).
    /// </summary>
    public void Activated(GatewaySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var clients = snapshot.Clients.ById;
        foreach (var (id, state) in _states)
        {
            if (!clients.TryGetValue(id, out var client) || client.ApiQuota <= 0)
            {
                _states.TryRemove(id, out _);
                continue;
            }

            if (client.QuotaResetPeriod == state.Period && client.TimeZone.Id == state.Zone.Id)
            {
                continue;
            }

            var replacement = new QuotaState(client.QuotaResetPeriod, client.TimeZone);
            var (start, end) = QuotaPeriods.Containing(replacement.Period, replacement.Zone, timeProvider.GetUtcNow().UtcDateTime);
            var old = Volatile.Read(ref state.Window);
            replacement.Window = new QuotaWindow(start, end, old is null ? 0 : Volatile.Read(ref old.Used));
            _states[id] = replacement;
            Queue(id, replacement);
        }
    }

    private void Queue(int id, QuotaState state)
    {
        if (Interlocked.Exchange(ref state.Pending, 1) == 0 && !_flushes.Writer.TryWrite(id))
        {
            Volatile.Write(ref state.Pending, 0);
        }
    }

    /// <summary>Swaps in the window of the period containing now (once per boundary; losers take the winner's window).</summary>
    private static QuotaWindow Roll(QuotaState state, QuotaWindow? seen, long nowTicks)
    {
        var (start, end) = QuotaPeriods.Containing(state.Period, state.Zone, new DateTime(nowTicks, DateTimeKind.Utc));
        var fresh = new QuotaWindow(start, end, 0);
        var current = Interlocked.CompareExchange(ref state.Window, fresh, seen);
        return ReferenceEquals(current, seen) ? fresh : current!;
    }

    private sealed class QuotaState(QuotaResetPeriod period, TimeZoneInfo zone)
    {
        public QuotaWindow? Window;
        public int Pending;

        public QuotaResetPeriod Period { get; } = period;

        public TimeZoneInfo Zone { get; } = zone;
    }
}
