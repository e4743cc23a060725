using ApiManager.Gateway.Plugins.Cors;
using ApiManager.Gateway.Tests.Plugins.Transformers;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Plugins.Cors;

/// <summary>The compiled cors plugin on a bare HTTP context: preflight answers and the headers of actual requests.</summary>
public sealed class CorsPluginTests
{
    private const string App = "https://app.example.com";

    private readonly CorsDefinition _definition = new();

    [Fact]
    public async Task Preflight_AllowedExactOrigin_Answers200WithAllowHeaders()
    {
        // Arrange
        var cors = Compile($$"""{"origins":["{{App}}"]}""");
        var test = Preflight(App, "PUT", "X-Custom, Content-Type");

        // Act
        var verdict = await cors.OnRequestAsync(test.Context, null!, null);

        // Assert
        Assert.True(verdict.IsAnswered);
        Assert.Equal(200, test.Context.Response.StatusCode);
        Assert.Equal(0, test.Context.Response.ContentLength);
        Assert.Equal(App, test.ResponseHeaders.AccessControlAllowOrigin);
        Assert.Equal("Origin", test.ResponseHeaders.Vary);
        Assert.Equal("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT", test.ResponseHeaders.AccessControlAllowMethods);
        Assert.Equal("X-Custom, Content-Type", test.ResponseHeaders.AccessControlAllowHeaders);
        Assert.False(test.ResponseHeaders.ContainsKey("Access-Control-Allow-Credentials"));
        Assert.False(test.ResponseHeaders.ContainsKey("Access-Control-Max-Age"));
        Assert.False(test.ResponseHeaders.ContainsKey("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Preflight_DisallowedOrigin_Answers200WithoutCorsHeaders()
    {
        // Arrange
        var cors = Compile($$"""{"origins":["{{App}}"]}""");
        var test = Preflight("https://evil.example.net", "GET");

        // Act
        var verdict = await cors.OnRequestAsync(test.Context, null!, null);

        // Assert
        Assert.True(verdict.IsAnswered);
        Assert.Equal(200, test.Context.Response.StatusCode);
        Assert.DoesNotContain(test.ResponseHeaders.Keys, k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Origin", test.ResponseHeaders.Vary);
    }

    [Theory]
    [InlineData("https://a.example.com", true)]
    [InlineData("https://deep.a.example.com", true)]
    [InlineData("http://a.example.com", false)]
    [InlineData("https://a.example.com.evil.net", false)]
    [InlineData("https://xexample.com", false)]
    [InlineData("https://other.org", true)]
    [InlineData("HTTPS://OTHER.ORG", true)]
    public void IsAllowed_RegexAndExactOrigins_AnchoredMatch(string origin, bool allowed)
    {
        // Arrange: a regex (anchored at both ends) and an exact origin, written with a default port and a trailing slash.
        var cors = Compile("""{"origins":["https://([a-z]+\\.)*example\\.com", "https://other.org:443/"]}""");

        // Act
        var result = cors.IsAllowed(origin);

        // Assert
        Assert.Equal(allowed, result);
    }

    [Fact]
    public void IsAllowed_PathologicalRegex_NotAllowedWithinTheTimeout()
    {
        // Arrange: nested quantifiers backtrack exponentially on a near-miss.
        var cors = Compile("""{"origins":["https://(a+)+\\.example\\.com"]}""");
        var origin = "https://" + new string('a', 40) + "!";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Act
        var allowed = cors.IsAllowed(origin);

        // Assert
        Assert.False(allowed);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(cors.IsAllowed("https://aaa.example.com"));
    }

    [Fact]
    public async Task Preflight_CredentialsWithStar_ReflectsOriginWithVary()
    {
        // Arrange
        var cors = Compile("""{"origins":["*"],"credentials":true,"max_age":3600,"headers":["X-A","X-B"]}""");
        var test = Preflight(App, "POST", "X-Other");

        // Act
        await cors.OnRequestAsync(test.Context, null!, null);

        // Assert
        Assert.Equal(App, test.ResponseHeaders.AccessControlAllowOrigin);
        Assert.Equal("Origin", test.ResponseHeaders.Vary);
        Assert.Equal("true", test.ResponseHeaders.AccessControlAllowCredentials);
        Assert.Equal("3600", test.ResponseHeaders.AccessControlMaxAge);
        Assert.Equal("X-A,X-B", test.ResponseHeaders.AccessControlAllowHeaders);
    }

    [Fact]
    public async Task Preflight_StarWithoutCredentials_AllowOriginStarNoVary()
    {
        // Arrange
        var cors = Compile("""{"methods":["GET","post"]}""");
        var test = Preflight(App, "GET");

        // Act
        await cors.OnRequestAsync(test.Context, null!, null);

        // Assert
        Assert.Equal("*", test.ResponseHeaders.AccessControlAllowOrigin);
        Assert.False(test.ResponseHeaders.ContainsKey("Vary"));
        Assert.Equal("GET,POST", test.ResponseHeaders.AccessControlAllowMethods);
        Assert.False(test.ResponseHeaders.ContainsKey("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Preflight_PreflightContinue_GoesOnUntouched()
    {
        // Arrange
        var cors = Compile("""{"preflight_continue":true}""");
        var test = Preflight(App, "GET");

        // Act
        var verdict = await cors.OnRequestAsync(test.Context, null!, null);

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Empty(test.ResponseHeaders);
        Assert.Equal(0, test.StartingCallbacks);
    }

    [Fact]
    public async Task Request_AllowedOrigin_HeadersSetAsResponseStarts()
    {
        // Arrange
        var cors = Compile($$"""{"origins":["{{App}}"],"credentials":true,"exposed_headers":["X-Total","X-Page"]}""");
        var test = new EdgeTestContext("GET");
        test.RequestHeaders.Origin = App;

        // Act
        var verdict = await cors.OnRequestAsync(test.Context, null!, null);
        test.ResponseHeaders.Vary = "Accept-Encoding";
        test.ResponseHeaders.AccessControlAllowOrigin = "https://backend-said.example";
        await test.StartResponseAsync();

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal(App, test.ResponseHeaders.AccessControlAllowOrigin);
        Assert.Equal(["Accept-Encoding", "Origin"], test.ResponseHeaders.Vary.ToArray());
        Assert.Equal("true", test.ResponseHeaders.AccessControlAllowCredentials);
        Assert.Equal("X-Total,X-Page", test.ResponseHeaders.AccessControlExposeHeaders);
        Assert.False(test.ResponseHeaders.ContainsKey("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Request_DisallowedOrigin_NoCorsHeadersAndProceeds()
    {
        // Arrange
        var cors = Compile($$"""{"origins":["{{App}}"],"exposed_headers":["X-Total"]}""");
        var test = new EdgeTestContext("POST");
        test.RequestHeaders.Origin = "https://evil.example.net";

        // Act
        var verdict = await cors.OnRequestAsync(test.Context, null!, null);
        test.ResponseHeaders.Vary = "origin";
        await test.StartResponseAsync();

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.DoesNotContain(test.ResponseHeaders.Keys, k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("origin", test.ResponseHeaders.Vary);
    }

    [Fact]
    public async Task Request_NoOrigin_NothingRegistered()
    {
        // Arrange
        var cors = Compile("{}");
        var test = new EdgeTestContext("OPTIONS");
        test.RequestHeaders.AccessControlRequestMethod = "GET";

        // Act
        var verdict = await cors.OnRequestAsync(test.Context, null!, null);

        // Assert: without Origin this is neither a preflight nor a cross-origin request.
        Assert.True(verdict.IsContinue);
        Assert.Equal(0, test.StartingCallbacks);
        Assert.Empty(test.ResponseHeaders);
    }

    [Fact]
    public async Task Request_OptionsWithoutRequestMethod_NotAPreflight()
    {
        // Arrange
        var cors = Compile("{}");
        var test = new EdgeTestContext("OPTIONS");
        test.RequestHeaders.Origin = App;

        // Act
        var verdict = await cors.OnRequestAsync(test.Context, null!, null);
        await test.StartResponseAsync();

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal("*", test.ResponseHeaders.AccessControlAllowOrigin);
    }

    private CorsPlugin Compile(string configuration) => EdgeTestContext.CompileOk<CorsPlugin>(_definition, configuration);

    private static EdgeTestContext Preflight(string origin, string method, string? headers = null)
    {
        var test = new EdgeTestContext(HttpMethods.Options);
        test.RequestHeaders.Origin = origin;
        test.RequestHeaders.AccessControlRequestMethod = method;
        if (headers is not null)
        {
            test.RequestHeaders.AccessControlRequestHeaders = headers;
        }

        return test;
    }
}
