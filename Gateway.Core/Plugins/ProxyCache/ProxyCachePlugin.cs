using System.Buffers;
using System.IO.Hashing;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>
/// A compiled proxy-cache plugin (runs last, after every other plugin let the request through). A cacheable request
/// whose key is in the store is answered from memory (status, headers, body, <c>Age</c>) and never reaches the backend;
/// otherwise the response body is copied while it streams to the client and stored after the backend answered, when
/// its status, content type and (adaptive) <c>Cache-Control</c> allow. Every response says
/// <c>X-Cache-Status: Hit|Miss|Bypass</c>; the status is also recorded in the call's facts.
/// </summary>
internal sealed class ProxyCachePlugin : GatewayPlugin
{
    /// <summary>Never stored or replayed: hop-by-hop headers and those the gateway or server sets per response.</summary>
    private static readonly string[] NotStored =
    [
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Date", "Server", "Age", ProxyCacheStatus.HeaderName,
    ];

    private static readonly StringValues HitValue = ProxyCacheStatus.Hit;
    private static readonly StringValues MissValue = ProxyCacheStatus.Miss;
    private static readonly StringValues BypassValue = ProxyCacheStatus.Bypass;

    private readonly ProxyCacheSettings _settings;
    private readonly IProxyCacheStore _store;
    private readonly TimeProvider _timeProvider;

    public ProxyCachePlugin(int instanceId, ProxyCacheSettings settings, IProxyCacheStore store, TimeProvider timeProvider)
        : base(PluginType.ProxyCache, instanceId)
    {
        _settings = settings;
        _store = store;
        _timeProvider = timeProvider;
    }

    public ProxyCacheSettings Settings => _settings;

    public override bool HasForwardedStep => true;

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        var request = context.Request;
        if (_settings.Strategy == ProxyCacheStrategy.None || !_settings.Methods.Contains(request.Method) || RequestRefusesCache(request))
        {
            return new(Bypass(context));
        }

        var clientId = caller?.Client.Id ?? 0;
        if (HttpMethods.IsPost(request.Method))
        {
            return _settings.CachePostBody ? PostAsync(context, route, clientId) : new(Bypass(context));
        }

        var key = new ProxyCacheKey(route.ApiId, ProxyCacheKeys.Hash(request, clientId, _settings, default));
        return Lookup(context, key);
    }

    public override ValueTask OnForwardedAsync(HttpContext context, RouteInfo route)
    {
        if (context.Features.Get<ProxyCacheCapture>() is not { } capture || !ReferenceEquals(capture.Owner, this))
        {
            return default;
        }

        context.Features.Set<ProxyCacheCapture>(null);
        var response = context.Response;
        response.Body = capture.Inner;
        if (context.GetForwarderErrorFeature() is not null || capture.TakeBody() is not { } body || !IsCacheable(response, out var ttl))
        {
            return default;
        }

        var isHead = HttpMethods.IsHead(context.Request.Method);
        if (!isHead && response.ContentLength is { } length && length != body.Length)
        {
            return default;
        }

        var headers = new List<KeyValuePair<string, StringValues>>(response.Headers.Count);
        foreach (var header in response.Headers)
        {
            if (!IsNotStored(header.Key) && !Contains(capture.GatewayHeaders, header.Key))
            {
                headers.Add(header);
            }
        }

        var now = _timeProvider.GetUtcNow().UtcTicks;
        _store.Set(capture.Key, new ProxyCacheEntry(response.StatusCode, [.. headers], body, now, now + (ttl * TimeSpan.TicksPerSecond)));
        return default;
    }

    /// <summary>
    /// True when the response may be stored: a configured status and content type, no <c>Set-Cookie</c>, and (adaptive)
    /// a <c>Cache-Control</c> without <c>no-store</c>, <c>no-cache</c> or <c>private</c>. <paramref name="ttlSeconds"/>
    /// is the lifetime: <c>s-maxage</c>, else <c>max-age</c>, else the configured ttl (always the ttl when fixed).
    /// </summary>
    internal bool IsCacheable(HttpResponse response, out long ttlSeconds)
    {
        ttlSeconds = _settings.TtlSeconds;
        if (!_settings.StatusCodes.Contains(response.StatusCode) || !ContentTypeMatches(response.ContentType) || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            return false;
        }

        if (_settings.Strategy != ProxyCacheStrategy.Adaptive)
        {
            return true;
        }

        var cacheControl = response.Headers.CacheControl;
        if (cacheControl.Count == 0)
        {
            return true;
        }

        if (!CacheControlHeaderValue.TryParse(cacheControl.ToString(), out var parsed) || parsed is null)
        {
            return false;
        }

        if (parsed.NoStore || parsed.NoCache || parsed.Private)
        {
            return false;
        }

        var lifetime = parsed.SharedMaxAge ?? parsed.MaxAge;
        if (lifetime is { } age)
        {
            ttlSeconds = (long)age.TotalSeconds;
        }

        return ttlSeconds > 0;
    }

    private async ValueTask<PluginVerdict> PostAsync(HttpContext context, RouteInfo route, int clientId)
    {
        var request = context.Request;
        var max = _settings.MaxBodyBytes;
        if (request.ContentLength > max)
        {
            return Bypass(context);
        }

        request.EnableBuffering();
        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        try
        {
            var total = 0;
            int read;
            while (total <= max && (read = await request.Body.ReadAsync(buffer.AsMemory(total, max + 1 - total), context.RequestAborted)) > 0)
            {
                total += read;
            }

            request.Body.Position = 0;
            if (total > max)
            {
                return Bypass(context);
            }

            Span<byte> bodyHash = stackalloc byte[16];
            XxHash128.Hash(buffer.AsSpan(0, total), bodyHash);
            var key = new ProxyCacheKey(route.ApiId, ProxyCacheKeys.Hash(request, clientId, _settings, bodyHash));
            return await Lookup(context, key);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ValueTask<PluginVerdict> Lookup(HttpContext context, ProxyCacheKey key)
    {
        var response = context.Response;
        if (_store.Get(key) is { } entry)
        {
            return WriteHit(context, entry);
        }

        Record(context, ProxyCacheStatus.Miss);
        var gatewayHeaders = new string[response.Headers.Count];
        var i = 0;
        foreach (var header in response.Headers)
        {
            gatewayHeaders[i++] = header.Key;
        }

        response.Headers[ProxyCacheStatus.HeaderName] = MissValue;
        var capture = new ProxyCacheCapture(response.Body, this, key, gatewayHeaders, response, _settings.MaxBodyBytes);
        context.Features.Set(capture);
        response.Body = capture;
        return new(PluginVerdict.Continue);
    }

    private ValueTask<PluginVerdict> WriteHit(HttpContext context, ProxyCacheEntry entry)
    {
        Record(context, ProxyCacheStatus.Hit);
        var response = context.Response;
        response.StatusCode = entry.Status;
        var headers = response.Headers;
        foreach (var (name, value) in entry.Headers)
        {
            headers[name] = value;
        }

        var age = Math.Max(0, (_timeProvider.GetUtcNow().UtcTicks - entry.StoredAtTicks) / TimeSpan.TicksPerSecond);
        headers.Age = NumberText.Of(age);
        headers[ProxyCacheStatus.HeaderName] = HitValue;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return new(PluginVerdict.Answered);
        }

        return PluginAnswer.WriteAsync(context, entry.Body);
    }

    private static PluginVerdict Bypass(HttpContext context)
    {
        Record(context, ProxyCacheStatus.Bypass);
        context.Response.Headers[ProxyCacheStatus.HeaderName] = BypassValue;
        return PluginVerdict.Continue;
    }

    private static void Record(HttpContext context, string status)
    {
        if (CallFacts.Of(context) is { } facts)
        {
            facts.CacheStatus = status;
        }
    }

    /// <summary><c>Cache-Control: no-store</c> on the request (and <c>no-cache</c> when adaptive) skips the cache.</summary>
    private bool RequestRefusesCache(HttpRequest request)
    {
        var cacheControl = request.Headers.CacheControl;
        if (cacheControl.Count == 0)
        {
            return false;
        }

        foreach (var value in cacheControl)
        {
            if (value is null)
            {
                continue;
            }

            if (value.Contains("no-store", StringComparison.OrdinalIgnoreCase)
                || (_settings.Strategy == ProxyCacheStrategy.Adaptive && value.Contains("no-cache", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private bool ContentTypeMatches(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        var slash = mediaType.IndexOf('/');
        foreach (var allowed in _settings.ContentTypes)
        {
            if (allowed == "*/*" || mediaType.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (allowed.EndsWith("/*", StringComparison.Ordinal) && slash > 0 && mediaType[..slash].Equals(allowed.AsSpan(0, allowed.Length - 2), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNotStored(string name) => Contains(NotStored, name);

    private static bool Contains(string[] names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
