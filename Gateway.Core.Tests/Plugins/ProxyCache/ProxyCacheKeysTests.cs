using ApiManager.Gateway.Plugins.ProxyCache;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Plugins.ProxyCache;

/// <summary>What makes two requests share a cache entry.</summary>
public sealed class ProxyCacheKeysTests
{
    private static readonly ProxyCacheSettings Defaults = ProxyCacheTestParts.Plugin("{}").Settings;

    [Fact]
    public void Hash_SameQueryInAnotherOrder_SameKey()
    {
        // Act
        var first = Key(Request("/items", "?b=2&a=1&c=3"));
        var second = Key(Request("/items", "?c=3&a=1&b=2"));

        // Assert
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("/items", "?a=1&b=3")]
    [InlineData("/items", "?a=1")]
    [InlineData("/items", "?a=1&b=2&d=")]
    [InlineData("/items", "?b=2&a=1&a=0")]
    [InlineData("/other", "?a=1&b=2")]
    [InlineData("/items", "?a=1b=2")]
    public void Hash_DifferentPathOrQuery_DifferentKey(string path, string query)
    {
        // Act
        var baseline = Key(Request("/items", "?a=1&b=2"));
        var other = Key(Request(path, query));

        // Assert
        Assert.NotEqual(baseline, other);
    }

    [Fact]
    public void Hash_DifferentMethodClientOrBody_DifferentKeys()
    {
        // Arrange
        var get = Request("/items", "");
        var head = Request("/items", "");
        head.Method = "HEAD";

        // Act
        UInt128[] keys =
        [
            Key(get),
            Key(head),
            ProxyCacheKeys.Hash(get, 9, Defaults, default),
            ProxyCacheKeys.Hash(get, 0, Defaults, [1, 2, 3]),
            ProxyCacheKeys.Hash(get, 0, Defaults, [1, 2, 4]),
        ];

        // Assert
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Hash_VaryHeaders_OnlyTheConfiguredHeadersCount()
    {
        // Arrange
        var settings = ProxyCacheTestParts.Plugin("""{"vary_headers":["Accept-Language"]}""").Settings;
        var english = Request("/items", "");
        english.Headers.AcceptLanguage = "en";
        english.Headers["X-Other"] = "1";
        var englishAgain = Request("/items", "");
        englishAgain.Headers["accept-language"] = "en";
        englishAgain.Headers["X-Other"] = "2";
        var french = Request("/items", "");
        french.Headers.AcceptLanguage = "fr";

        // Act
        var a = ProxyCacheKeys.Hash(english, 0, settings, default);
        var b = ProxyCacheKeys.Hash(englishAgain, 0, settings, default);
        var c = ProxyCacheKeys.Hash(french, 0, settings, default);
        var withoutVary = Key(french);

        // Assert
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(Key(english), withoutVary);
    }

    [Fact]
    public void Hash_VaryQueryParams_OtherParametersIgnored()
    {
        // Arrange
        var settings = ProxyCacheTestParts.Plugin("""{"vary_query_params":["page"]}""").Settings;

        // Act
        var a = ProxyCacheKeys.Hash(Request("/items", "?page=2&ts=1"), 0, settings, default);
        var b = ProxyCacheKeys.Hash(Request("/items", "?ts=99&page=2"), 0, settings, default);
        var c = ProxyCacheKeys.Hash(Request("/items", "?page=3&ts=1"), 0, settings, default);

        // Assert
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    private static UInt128 Key(HttpRequest request) => ProxyCacheKeys.Hash(request, 0, Defaults, default);

    private static HttpRequest Request(string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        return context.Request;
    }
}
