using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>
/// A compiled rate-limiting plugin. Per call: find the identifier, add one to the counter of each configured period's
/// current window, and if any went over its limit give the calls back (a refused call is not counted, as in Kong) and
/// answer 429 with <c>Retry-After</c>. Response headers: <c>X-RateLimit-Limit-&lt;Period&gt;</c> and
/// <c>X-RateLimit-Remaining-&lt;Period&gt;</c> for every configured period, and <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> for the most restrictive one (fewest calls left; on a tie the
/// longer window). Those three replace the client's TPS/Node values only when this plugin is the more restrictive.
/// Allocation-free on the common path: header names and limit values are precomputed, counts live on the stack, reset
/// seconds reuse the last string per period; only counts of 1024 and more left are formatted per call.
/// </summary>
internal sealed class RateLimitingPlugin : GatewayPlugin
{
    private const string RateLimitLimit = "RateLimit-Limit";
    private const string RateLimitRemaining = "RateLimit-Remaining";
    private const string RateLimitReset = "RateLimit-Reset";

    private static readonly string[] PeriodTitles = ["Second", "Minute", "Hour", "Day", "Month", "Year"];

    private readonly PeriodLimit[] _limits;
    private readonly string[] _limitTexts;
    private readonly string[] _limitHeaders;
    private readonly string[] _remainingHeaders;
    private readonly RateLimitLimitBy _limitBy;
    private readonly string? _headerName;
    private readonly string? _path;
    private readonly bool _faultTolerant;
    private readonly bool _hideClientHeaders;
    private readonly IRateLimitCounterStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayNetworks _networks;
    private readonly RecentNumberText[] _resetTexts;

    public RateLimitingPlugin(int instanceId, PeriodLimit[] limits, RateLimitLimitBy limitBy, string? headerName, string? path, bool faultTolerant,
        bool hideClientHeaders, IRateLimitCounterStore store, TimeProvider timeProvider, GatewayNetworks networks)
        : base(PluginType.RateLimiting, instanceId)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.Length is 0 or > 6)
        {
            throw new ArgumentException("One to six limits are needed.", nameof(limits));
        }

        _limits = limits;
        _limitTexts = [.. limits.Select(l => NumberText.Of(l.Limit))];
        _limitHeaders = [.. limits.Select(l => "X-RateLimit-Limit-" + PeriodTitles[(int)l.Period])];
        _remainingHeaders = [.. limits.Select(l => "X-RateLimit-Remaining-" + PeriodTitles[(int)l.Period])];
        _limitBy = limitBy;
        _headerName = headerName;
        _path = path;
        _faultTolerant = faultTolerant;
        _hideClientHeaders = hideClientHeaders;
        _store = store;
        _timeProvider = timeProvider;
        _networks = networks;
        _resetTexts = [.. limits.Select(_ => new RecentNumberText())];
    }

    /// <summary>The configured limits, shortest period first.</summary>
    public IReadOnlyList<PeriodLimit> Limits => _limits;

    public RateLimitLimitBy LimitBy => _limitBy;

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        if (_path is not null && !string.Equals(context.Request.Path.Value, _path, StringComparison.Ordinal))
        {
            return new(PluginVerdict.Continue);
        }

        var (kind, identifier) = Identify(context, caller);
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var limits = _limits;
        Span<long> counts = stackalloc long[limits.Length];
        Span<long> starts = stackalloc long[limits.Length];
        var i = 0;
        try
        {
            for (; i < limits.Length; i++)
            {
                var period = limits[i].Period;
                var start = RateLimitWindows.Start(period, now);
                starts[i] = start;
                var pending = _store.AddAsync(new RateLimitCounterKey(InstanceId, period, start, kind, identifier), 1, RateLimitWindows.End(period, start));
                if (!pending.IsCompletedSuccessfully)
                {
                    return SlowAsync(context, kind, identifier, now, counts[..i].ToArray(), starts.ToArray(), i, pending);
                }

                counts[i] = pending.Result;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(StoreFailed());
        }

        return new(Decide(context, kind, identifier, now, counts, starts));
    }

    /// <summary>The counter store did not answer synchronously (a remote store): the same steps, awaited.</summary>
    /// <remarks><paramref name="starts"/> holds the window starts up to <paramref name="index"/>; the rest are computed here.</remarks>
    private async ValueTask<PluginVerdict> SlowAsync(HttpContext context, RateLimitIdentifierKind kind, string identifier, long now, long[] done, long[] starts,
        int index, ValueTask<long> pending)
    {
        var counts = new long[_limits.Length];
        done.CopyTo(counts, 0);
        try
        {
            counts[index] = await pending;
            for (var i = index + 1; i < _limits.Length; i++)
            {
                var period = _limits[i].Period;
                starts[i] = RateLimitWindows.Start(period, now);
                counts[i] = await _store.AddAsync(new RateLimitCounterKey(InstanceId, period, starts[i], kind, identifier), 1, RateLimitWindows.End(period, starts[i]));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return StoreFailed();
        }

        return Decide(context, kind, identifier, now, counts, starts);
    }

    private PluginVerdict StoreFailed() => _faultTolerant ? PluginVerdict.Continue : PluginVerdict.Reject(RateLimitErrors.StoreFailed);

    private PluginVerdict Decide(HttpContext context, RateLimitIdentifierKind kind, string identifier, long now, ReadOnlySpan<long> counts, ReadOnlySpan<long> starts)
    {
        var limits = _limits;
        var exceeded = false;
        for (var i = 0; i < limits.Length; i++)
        {
            if (counts[i] > limits[i].Limit)
            {
                exceeded = true;
                break;
            }
        }

        if (exceeded)
        {
            GiveBack(kind, identifier, starts);
        }

        // The most restrictive period: fewest calls left, and on a tie the longer window (Kong's choice).
        var strictest = 0;
        var strictestRemaining = long.MaxValue;
        string? strictestText = null;
        var headers = context.Response.Headers;
        for (var i = 0; i < limits.Length; i++)
        {
            var limit = limits[i].Limit;
            long remaining;
            if (!exceeded)
            {
                remaining = limit - counts[i];
            }
            else
            {
                // A refused call is given back: a period it exceeded shows 0, the others their calls left before it.
                remaining = counts[i] > limit ? 0 : limit - (counts[i] - 1);
            }

            string? text = null;
            if (!_hideClientHeaders)
            {
                text = NumberText.Of(remaining);
                headers[_limitHeaders[i]] = _limitTexts[i];
                headers[_remainingHeaders[i]] = text;
            }

            if (remaining <= strictestRemaining)
            {
                strictest = i;
                strictestRemaining = remaining;
                strictestText = text;
            }
        }

        var period = limits[strictest].Period;
        var reset = RateLimitWindows.ResetSeconds(starts[strictest], RateLimitWindows.End(period, starts[strictest]), now);
        if (!_hideClientHeaders && (exceeded || !ClientLimitIsStricter(headers, strictestRemaining, reset)))
        {
            headers[RateLimitLimit] = _limitTexts[strictest];
            headers[RateLimitRemaining] = strictestText ?? NumberText.Of(strictestRemaining);
            headers[RateLimitReset] = _resetTexts[strictest].Of(reset);
        }

        if (!exceeded)
        {
            return PluginVerdict.Continue;
        }

        // Sent even with hide_client_headers: a 429 should say when to come back.
        headers.RetryAfter = _resetTexts[strictest].Of(reset);
        return PluginVerdict.Reject(RateLimitErrors.Exceeded);
    }

    /// <summary>
    /// True when the client's TPS/Node stage already set <c>RateLimit-*</c> for a limit at least as strict as
    /// this plugin's (fewer calls left, or as many with a later reset): those headers stay.
    /// </summary>
    private static bool ClientLimitIsStricter(IHeaderDictionary headers, long remaining, long reset)
    {
        if (!headers.TryGetValue(RateLimitRemaining, out var existing) || !long.TryParse(existing.ToString(), out var existingRemaining))
        {
            return false;
        }

        if (existingRemaining != remaining)
        {
            return existingRemaining < remaining;
        }

        return headers.TryGetValue(RateLimitReset, out var existingReset) && long.TryParse(existingReset.ToString(), out var existingSeconds) && existingSeconds >= reset;
    }

    /// <summary>Takes the refused call back out of every period's counter.</summary>
    private void GiveBack(RateLimitIdentifierKind kind, string identifier, ReadOnlySpan<long> starts)
    {
        for (var i = 0; i < _limits.Length; i++)
        {
            var period = _limits[i].Period;
            try
            {
                var pending = _store.AddAsync(new RateLimitCounterKey(InstanceId, period, starts[i], kind, identifier), -1, RateLimitWindows.End(period, starts[i]));
                if (!pending.IsCompleted)
                {
                    // A remote store: the refusal does not wait for the correction.
                    _ = pending.AsTask();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The call is refused either way; a counter left one too high errs on the strict side.
            }
        }
    }

    /// <summary>
    /// Whom to count: <c>consumer</c> is the client, else the credential, else the IP; <c>credential</c> the credential,
    /// else the IP; <c>header</c> the header's value, else the IP; <c>path</c> the configured path.
    /// </summary>
    private (RateLimitIdentifierKind Kind, string Identifier) Identify(HttpContext context, CallerFeature? caller)
    {
        switch (_limitBy)
        {
            case RateLimitLimitBy.Consumer when caller is not null:
                return (RateLimitIdentifierKind.Consumer, caller.Client.ClientId);
            case RateLimitLimitBy.Consumer or RateLimitLimitBy.Credential when caller?.CredentialId is { Length: > 0 } credential:
                return (RateLimitIdentifierKind.Credential, credential);
            case RateLimitLimitBy.Header when context.Request.Headers.TryGetValue(_headerName!, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]):
                return (RateLimitIdentifierKind.Header, value.ToString());
            case RateLimitLimitBy.Path:
                return (RateLimitIdentifierKind.Path, _path!);
            default:
                return (RateLimitIdentifierKind.Ip, _networks.CallerAddress(context)?.ToString() ?? "unknown");
        }
    }

    /// <summary>One configured limit.</summary>
    internal readonly record struct PeriodLimit(RateLimitPeriod Period, long Limit);
}
