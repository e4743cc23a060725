using System.Collections.Frozen;
using System.Globalization;
using ApiManager.Gateway.Plugins.RateLimiting;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Plugins.Sandbox;

namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>
/// Proxy caching (Kong's <c>proxy-cache</c> with the memory strategy): <c>strategy</c> none / fixed / adaptive,
/// <c>ttl</c>, <c>request_method</c>, <c>response_code</c> (2xx/3xx only), <c>content_type</c>, <c>vary_headers</c>,
/// <c>vary_query_params</c>, <c>cache_post_body</c> and <c>max_body_bytes</c>. Scopes: global, backend, API (entries are
/// always per API, so a purge of one API never touches another).
/// </summary>
internal sealed class ProxyCacheDefinition(IProxyCacheStore store, TimeProvider timeProvider) : IPluginDefinition
{
    public const string Strategy = "strategy";
    public const string Ttl = "ttl";
    public const string RequestMethod = "request_method";
    public const string ResponseCode = "response_code";
    public const string ContentType = "content_type";
    public const string VaryHeaders = "vary_headers";
    public const string VaryQueryParams = "vary_query_params";
    public const string CachePostBody = "cache_post_body";
    public const string MaxBodyBytes = "max_body_bytes";

    /// <summary>The largest <c>max_body_bytes</c>: 8 MiB.</summary>
    public const int MaxBodyLimit = 8 * 1024 * 1024;

    private static readonly string[] Fields = [Strategy, Ttl, RequestMethod, ResponseCode, ContentType, VaryHeaders, VaryQueryParams, CachePostBody, MaxBodyBytes];

    private static readonly string[] Methods = ["GET", "HEAD", "POST"];

    public PluginType Type => PluginType.ProxyCache;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api;

    public string DefaultConfiguration =>
        """{"strategy":"fixed","ttl":300,"request_method":["GET","HEAD"],"response_code":[200,301],"content_type":["text/plain","application/json"],"vary_headers":[],"vary_query_params":null,"cache_post_body":false,"max_body_bytes":1048576}""";

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = new PluginConfigReader(settings.Configuration, Fields);
        var strategy = reader.Choice(Strategy, "fixed", "none", "fixed", "adaptive") switch
        {
            "none" => ProxyCacheStrategy.None,
            "adaptive" => ProxyCacheStrategy.Adaptive,
            _ => ProxyCacheStrategy.Fixed,
        };
        var ttl = reader.Integer(Ttl, 300, 1, 31_536_000);

        var methods = new HashSet<string>(StringComparer.Ordinal);
        var methodList = reader.TextList(RequestMethod, ["GET", "HEAD"]);
        for (var i = 0; i < methodList.Length; i++)
        {
            var method = methodList[i].ToUpperInvariant();
            if (Array.IndexOf(Methods, method) < 0)
            {
                reader.Add(Item(RequestMethod, i), "Must be GET, HEAD or POST.");
            }
            else
            {
                methods.Add(method);
            }
        }

        NotEmpty(reader, RequestMethod, methodList.Length);

        var codes = reader.IntegerList(ResponseCode, [200, 301]);
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] is < 200 or > 399)
            {
                reader.Add(Item(ResponseCode, i), "Only 2xx and 3xx responses are cached: use a code from 200 to 399.");
            }
        }

        NotEmpty(reader, ResponseCode, codes.Length);

        var contentTypes = reader.TextList(ContentType, ["text/plain", "application/json"]);
        for (var i = 0; i < contentTypes.Length; i++)
        {
            contentTypes[i] = contentTypes[i].ToLowerInvariant();
            if (!IsMediaRange(contentTypes[i]))
            {
                reader.Add(Item(ContentType, i), "Must be a media type without parameters: type/subtype, type/* or */*.");
            }
        }

        NotEmpty(reader, ContentType, contentTypes.Length);

        var varyHeaders = reader.TextList(VaryHeaders, []);
        for (var i = 0; i < varyHeaders.Length; i++)
        {
            if (!HttpSyntax.IsToken(varyHeaders[i]))
            {
                reader.Add(Item(VaryHeaders, i), "Must be a header name (letters, digits and !#$%&'*+-.^_`|~).");
            }

            varyHeaders[i] = varyHeaders[i].ToLowerInvariant();
        }

        var varyQuery = reader.TextList(VaryQueryParams, []);
        var cachePostBody = reader.Boolean(CachePostBody, false);
        if (cachePostBody && !methods.Contains("POST"))
        {
            reader.Add(PluginConfigReader.Key(CachePostBody), "Add POST to request_method to cache POST requests.");
        }
        else if (!cachePostBody && methods.Contains("POST"))
        {
            reader.Add(PluginConfigReader.Key(RequestMethod), "POST responses are only cached with cache_post_body (the body is part of the key).");
        }

        var maxBody = reader.Integer(MaxBodyBytes, 1024 * 1024, 1, MaxBodyLimit);
        if (reader.HasErrors)
        {
            return reader.Failure();
        }

        var compiled = new ProxyCacheSettings
        {
            Strategy = strategy,
            TtlSeconds = ttl,
            Methods = methods.ToFrozenSet(StringComparer.Ordinal),
            StatusCodes = codes.ToFrozenSet(),
            ContentTypes = [.. contentTypes.Distinct(StringComparer.Ordinal)],
            VaryHeaders = [.. varyHeaders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            VaryQueryParams = varyQuery.Length == 0 ? null : [.. varyQuery.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)],
            CachePostBody = cachePostBody,
            MaxBodyBytes = maxBody,
        };
        return PluginCompilation.Success(new ProxyCachePlugin(settings.InstanceId, compiled, store, timeProvider));
    }

    private static string Item(string field, int index) => $"{PluginConfigReader.Key(field)}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static void NotEmpty(PluginConfigReader reader, string field, int count)
    {
        if (count == 0)
        {
            reader.Add(PluginConfigReader.Key(field), "List at least one.");
        }
    }

    private static bool IsMediaRange(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1 || value.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        var type = value[..slash];
        var subtype = value[(slash + 1)..];
        return (type == "*" ? subtype == "*" : HttpSyntax.IsToken(type)) && (subtype == "*" || HttpSyntax.IsToken(subtype));
    }
}
