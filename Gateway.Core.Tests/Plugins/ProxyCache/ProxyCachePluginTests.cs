using System.Text;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Plugins.ProxyCache;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Plugins.ProxyCache;

/// <summary>Proxy-cache configurations, what is cacheable, and hit/bypass answers on <see cref="DefaultHttpContext"/>.</summary>
public sealed class ProxyCachePluginTests
{
    [Theory]
    [InlineData("""{"strategy":"memory"}""", "config.strategy")]
    [InlineData("""{"ttl":0}""", "config.ttl")]
    [InlineData("""{"ttl":"60"}""", "config.ttl")]
    [InlineData("""{"request_method":["DELETE"]}""", "config.request_method[0]")]
    [InlineData("""{"request_method":[]}""", "config.request_method")]
    [InlineData("""{"request_method":"GET"}""", "config.request_method")]
    [InlineData("""{"request_method":["GET","POST"]}""", "config.request_method")]
    [InlineData("""{"cache_post_body":true}""", "config.cache_post_body")]
    [InlineData("""{"response_code":[200,404]}""", "config.response_code[1]")]
    [InlineData("""{"response_code":[500]}""", "config.response_code[0]")]
    [InlineData("""{"response_code":["200"]}""", "config.response_code[0]")]
    [InlineData("""{"response_code":[]}""", "config.response_code")]
    [InlineData("""{"content_type":["json"]}""", "config.content_type[0]")]
    [InlineData("""{"content_type":["*/json"]}""", "config.content_type[0]")]
    [InlineData("""{"content_type":["text/plain; charset=utf-8"]}""", "config.content_type[0]")]
    [InlineData("""{"vary_headers":["Bad Header"]}""", "config.vary_headers[0]")]
    [InlineData("""{"vary_query_params":[""]}""", "config.vary_query_params[0]")]
    [InlineData("""{"max_body_bytes":0}""", "config.max_body_bytes")]
    [InlineData("""{"max_body_bytes":100000000}""", "config.max_body_bytes")]
    [InlineData("""{"cache_ttl":60}""", "config.cache_ttl")]
    public void Compile_BadConfiguration_FieldError(string json, string field)
    {
        // Act
        var compilation = ProxyCacheTestParts.Compile(json);

        // Assert
        Assert.False(compilation.Succeeded);
        Assert.Contains(field, compilation.Errors.Keys);
    }

    [Fact]
    public void Compile_DefaultConfiguration_FixedFiveMinutesGetHead()
    {
        // Act
        var settings = ProxyCacheTestParts.Plugin(new ProxyCacheDefinition(new ProxyCacheStore(TimeProvider.System, 1000), TimeProvider.System).DefaultConfiguration).Settings;

        // Assert
        Assert.Equal(ProxyCacheStrategy.Fixed, settings.Strategy);
        Assert.Equal(300, settings.TtlSeconds);
        Assert.Equal(["GET", "HEAD"], settings.Methods.Order(StringComparer.Ordinal));
        Assert.Equal([200, 301], settings.StatusCodes.Order());
        Assert.Null(settings.VaryQueryParams);
    }

    [Theory]
    [InlineData(null, true, 30)]
    [InlineData("max-age=10", true, 10)]
    [InlineData("public, s-maxage=20, max-age=10", true, 20)]
    [InlineData("no-store", false, 30)]
    [InlineData("no-cache", false, 30)]
    [InlineData("private, max-age=60", false, 30)]
    [InlineData("max-age=0", false, 0)]
    [InlineData("public", true, 30)]
    public void IsCacheable_AdaptiveCacheControl_HonoursTheBackend(string? cacheControl, bool cacheable, long ttl)
    {
        // Arrange
        var plugin = ProxyCacheTestParts.Plugin("""{"strategy":"adaptive","ttl":30}""");
        var response = Response(200, "application/json", cacheControl);

        // Act
        var result = plugin.IsCacheable(response, out var ttlSeconds);

        // Assert
        Assert.Equal(cacheable, result);
        if (cacheable)
        {
            Assert.Equal(ttl, ttlSeconds);
        }
    }

    [Theory]
    [InlineData(200, "application/json; charset=utf-8", null, true)]
    [InlineData(200, "TEXT/PLAIN", null, true)]
    [InlineData(200, "text/html", null, false)]
    [InlineData(200, null, null, false)]
    [InlineData(201, "application/json", null, false)]
    [InlineData(301, "text/plain", null, true)]
    [InlineData(200, "application/json", "no-store", true)]
    public void IsCacheable_Fixed_StatusAndContentTypeDecideNotCacheControl(int status, string? contentType, string? cacheControl, bool expected)
    {
        // Arrange
        var plugin = ProxyCacheTestParts.Plugin("""{"ttl":30}""");

        // Act
        var result = plugin.IsCacheable(Response(status, contentType, cacheControl), out var ttl);

        // Assert
        Assert.Equal(expected, result);
        Assert.Equal(30, ttl);
    }

    [Theory]
    [InlineData("image/png", "image/*", true)]
    [InlineData("image/png", "*/*", true)]
    [InlineData("text/png", "image/*", false)]
    public void IsCacheable_WildcardContentTypes_Match(string contentType, string configured, bool expected)
    {
        // Arrange
        var plugin = ProxyCacheTestParts.Plugin($$"""{"content_type":["{{configured}}"]}""");

        // Act
        var result = plugin.IsCacheable(Response(200, contentType, null), out _);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void IsCacheable_SetCookie_NeverStored()
    {
        // Arrange
        var plugin = ProxyCacheTestParts.Plugin("{}");
        var response = Response(200, "application/json", null);
        response.Headers.SetCookie = "session=1";

        // Act
        var result = plugin.IsCacheable(response, out _);

        // Assert
        Assert.False(result);
    }

    [Theory]
    [InlineData("""{"strategy":"none"}""", "GET", null)]
    [InlineData("{}", "PUT", null)]
    [InlineData("{}", "GET", "no-store")]
    [InlineData("""{"strategy":"adaptive"}""", "GET", "no-cache")]
    public async Task OnRequest_NotCacheableRequest_BypassHeaderAndFact(string json, string method, string? cacheControl)
    {
        // Arrange
        var plugin = ProxyCacheTestParts.Plugin(json);
        var context = Context(method);
        if (cacheControl is not null)
        {
            context.Request.Headers.CacheControl = cacheControl;
        }

        // Act
        var verdict = await plugin.OnRequestAsync(context, Route(), null);

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal("Bypass", context.Response.Headers["X-Cache-Status"]);
        Assert.Equal("Bypass", CallFacts.Of(context)!.CacheStatus);
        Assert.Null(context.Features.Get<ProxyCacheCapture>());
    }

    [Fact]
    public async Task OnRequest_RequestNoCacheWhenFixed_StillServedFromTheCache()
    {
        // Arrange
        var store = new ProxyCacheStore(TimeProvider.System, ProxyCacheStore.DefaultCapacityBytes);
        var plugin = ProxyCacheTestParts.Plugin("{}", store);
        var context = Context("GET");
        context.Request.Headers.CacheControl = "no-cache";

        // Act
        var verdict = await plugin.OnRequestAsync(context, Route(), null);

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal("Miss", context.Response.Headers["X-Cache-Status"]);
    }

    [Fact]
    public async Task OnRequest_MissThenForwarded_StoredWithoutGatewayHeadersAndNextCallHits()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var store = new ProxyCacheStore(clock, ProxyCacheStore.DefaultCapacityBytes);
        var plugin = ProxyCacheTestParts.Plugin("{}", store, clock);
        var miss = Context("GET");
        miss.Response.Headers["X-RateLimit-Remaining-Minute"] = "4";

        // Act: the backend's answer streams through the capture.
        var first = await plugin.OnRequestAsync(miss, Route(), null);
        miss.Response.StatusCode = 200;
        miss.Response.ContentType = "application/json";
        miss.Response.Headers["X-Backend"] = "b1";
        await miss.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("""{"n":1}"""), TestContext.Current.CancellationToken);
        await plugin.OnForwardedAsync(miss, Route());
        clock.Advance(TimeSpan.FromSeconds(7));
        var hit = Context("GET");
        var second = await plugin.OnRequestAsync(hit, Route(), null);

        // Assert
        Assert.True(first.IsContinue);
        Assert.Equal("Miss", miss.Response.Headers["X-Cache-Status"]);
        Assert.IsType<MemoryStream>(miss.Response.Body);
        Assert.True(second.IsAnswered);
        Assert.Equal("Hit", hit.Response.Headers["X-Cache-Status"]);
        Assert.Equal("Hit", CallFacts.Of(hit)!.CacheStatus);
        Assert.Equal("7", hit.Response.Headers.Age);
        Assert.Equal("b1", hit.Response.Headers["X-Backend"]);
        Assert.False(hit.Response.Headers.ContainsKey("X-RateLimit-Remaining-Minute"));
        Assert.Equal("application/json", hit.Response.ContentType);
        Assert.Equal("""{"n":1}""", Encoding.UTF8.GetString(((MemoryStream)hit.Response.Body).ToArray()));
    }

    [Fact]
    public async Task OnForwarded_BodyLargerThanMaxBodyBytes_NotStored()
    {
        // Arrange
        var store = new ProxyCacheStore(TimeProvider.System, ProxyCacheStore.DefaultCapacityBytes);
        var plugin = ProxyCacheTestParts.Plugin("""{"max_body_bytes":4}""", store);
        var context = Context("GET");
        await plugin.OnRequestAsync(context, Route(), null);
        context.Response.ContentType = "text/plain";

        // Act
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("12345"), TestContext.Current.CancellationToken);
        await plugin.OnForwardedAsync(context, Route());

        // Assert
        Assert.Equal(0, store.Count);
        Assert.Equal("12345", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    private static ApiManager.Gateway.Runtime.RouteInfo Route() => new()
    {
        RouteId = "api-1",
        ApiId = 1,
        Name = "a",
        Version = "1",
        Status = ApiManager.Gateway.Apis.ApiStatus.Active,
        AllowedMethods = [],
        IsPublic = true,
        BackendId = 1,
        ClusterId = "backend-1",
        Path = "/a",
        Meters = null!,
    };

    private static DefaultHttpContext Context(string method)
    {
        var context = new DefaultHttpContext();
        context.Features.Set(new CallFacts());
        context.Request.Method = method;
        context.Request.Path = "/a/items";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static HttpResponse Response(int status, string? contentType, string? cacheControl)
    {
        var response = new DefaultHttpContext().Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        if (cacheControl is not null)
        {
            response.Headers.CacheControl = cacheControl;
        }

        return response;
    }
}
