using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Cors;
using ApiManager.Gateway.Plugins.Transformers;

namespace ApiManager.Gateway.Tests.Plugins.Transformers;

/// <summary>The response-transformer runs as the response starts, after cors, and a narrower one replaces a wider one.</summary>
public sealed class ResponseHeaderStageTests
{
    private readonly ResponseTransformerDefinition _definition = new();

    [Fact]
    public async Task OnRequest_ResponseStarts_RulesAppliedToHeadersSetLater()
    {
        // Arrange
        var plugin = EdgeTestContext.CompileOk<ResponseTransformerPlugin>(_definition,
            """{"remove":{"headers":["X-Internal"]},"rename":{"headers":["X-Backend:X-Origin-Server"]},"replace":{"headers":["Content-Type:text/plain"]},"add":{"headers":["X-Added:1"]},"append":{"headers":["X-Added:2"]}}""");
        var test = new EdgeTestContext();

        // Act
        var verdict = await plugin.OnRequestAsync(test.Context, null!, null);
        test.ResponseHeaders["X-Internal"] = "secret";
        test.ResponseHeaders["X-Backend"] = "b1";
        test.ResponseHeaders.ContentType = "application/json";
        await test.StartResponseAsync();

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal(1, test.StartingCallbacks);
        Assert.False(test.ResponseHeaders.ContainsKey("X-Internal"));
        Assert.False(test.ResponseHeaders.ContainsKey("X-Backend"));
        Assert.Equal("b1", test.ResponseHeaders["X-Origin-Server"]);
        Assert.Equal("text/plain", test.ResponseHeaders.ContentType);
        Assert.Equal(["1", "2"], test.ResponseHeaders["X-Added"].ToArray());
    }

    [Fact]
    public async Task OnRequest_CorsThenTransformer_TransformerSeesCorsHeaders()
    {
        // Arrange: Kong runs cors' header filter (priority 2000) before response-transformer's (800).
        var cors = EdgeTestContext.CompileOk<CorsPlugin>(new CorsDefinition(), """{"origins":["https://app.example.com"]}""");
        var transformer = EdgeTestContext.CompileOk<ResponseTransformerPlugin>(_definition,
            """{"rename":{"headers":["Access-Control-Allow-Origin:X-Seen-Origin"]}}""");
        var test = new EdgeTestContext();
        test.RequestHeaders.Origin = "https://app.example.com";

        // Act
        await cors.OnRequestAsync(test.Context, null!, null);
        await transformer.OnRequestAsync(test.Context, null!, null);
        await test.StartResponseAsync();

        // Assert
        Assert.Equal(1, test.StartingCallbacks);
        Assert.Equal("https://app.example.com", test.ResponseHeaders["X-Seen-Origin"]);
        Assert.False(test.ResponseHeaders.ContainsKey("Access-Control-Allow-Origin"));
        Assert.Equal("Origin", test.ResponseHeaders.Vary);
    }

    [Fact]
    public async Task OnRequest_ClientScopedAfterApiScoped_OnlyClientRulesApply()
    {
        // Arrange
        var api = EdgeTestContext.CompileOk<ResponseTransformerPlugin>(_definition, """{"add":{"headers":["X-Api:1"]}}""", PluginScope.Api);
        var client = EdgeTestContext.CompileOk<ResponseTransformerPlugin>(_definition, """{"add":{"headers":["X-Client:1"]}}""", PluginScope.Client);
        var test = new EdgeTestContext();

        // Act
        await api.OnRequestAsync(test.Context, null!, null);
        await client.OnRequestAsync(test.Context, null!, null);
        await test.StartResponseAsync();

        // Assert
        Assert.True(api.RunsBeforeAuthentication);
        Assert.False(client.RunsBeforeAuthentication);
        Assert.False(test.ResponseHeaders.ContainsKey("X-Api"));
        Assert.Equal("1", test.ResponseHeaders["X-Client"]);
    }

    [Fact]
    public async Task OnRequest_NoRules_NoCallbackRegistered()
    {
        // Arrange
        var plugin = EdgeTestContext.CompileOk<ResponseTransformerPlugin>(_definition, "{}");
        var test = new EdgeTestContext();

        // Act
        await plugin.OnRequestAsync(test.Context, null!, null);

        // Assert
        Assert.Equal(0, test.StartingCallbacks);
    }
}
