using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Transformers;

namespace ApiManager.Gateway.Tests.Plugins.Transformers;

/// <summary>Validation and compilation of request-transformer and response-transformer configurations.</summary>
public sealed class TransformerDefinitionTests
{
    private readonly RequestTransformerDefinition _request = new();
    private readonly ResponseTransformerDefinition _response = new();

    [Fact]
    public void Compile_DefaultConfigurations_SucceedWithNoRules()
    {
        // Act
        var request = EdgeTestContext.CompileOk<RequestTransformerPlugin>(_request, _request.DefaultConfiguration);
        var response = EdgeTestContext.CompileOk<ResponseTransformerPlugin>(_response, _response.DefaultConfiguration);

        // Assert
        Assert.True(request.Headers.IsEmpty);
        Assert.True(request.Query.IsEmpty);
        Assert.True(response.Headers.IsEmpty);
        Assert.Equal(["remove", "rename", "replace", "add", "append"], JsonDocument.Parse(_request.DefaultConfiguration).RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client, _request.AllowedScopes);
        Assert.Equal(PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client, _response.AllowedScopes);
    }

    [Fact]
    public void Compile_KongDefaultsOfUnsupportedFields_Accepted()
    {
        // Arrange: Kong's own defaults, body and uri included, empty.
        const string Kong = """
            {"http_method":null,"remove":{"body":[],"headers":["x-a"],"querystring":[]},"rename":{"body":[],"headers":[],"querystring":[]},
             "replace":{"body":[],"headers":[],"querystring":[],"uri":null},"add":{"body":[],"headers":[],"querystring":[]},
             "append":{"body":[],"headers":[],"querystring":[]}}
            """;

        // Act
        var plugin = EdgeTestContext.CompileOk<RequestTransformerPlugin>(_request, Kong);

        // Assert
        Assert.False(plugin.Headers.IsEmpty);
    }

    [Fact]
    public void Compile_BadEntries_FieldErrorsByPath()
    {
        // Arrange
        const string Configuration = """
            {"remove":{"headers":["Host", "ok"],"querystring":[""]},
             "rename":{"headers":["X-A"],"querystring":["a:"]},
             "replace":{"headers":["Bad Name:1"],"uri":"/x"},
             "add":{"headers":["X-Ok:1","X-T:$(headers.x)","X-Line:a\nb",5],"body":["a:b"]},
             "append":{"headers":"X-A:1"},
             "http_method":"POST",
             "extra":1}
            """;

        // Act
        var errors = EdgeTestContext.Errors(_request, Configuration);

        // Assert
        Assert.Equal(
            [
                "config.add.body", "config.add.headers[1]", "config.add.headers[2]", "config.add.headers[3]", "config.append.headers",
                "config.extra", "config.http_method", "config.remove.headers[0]", "config.remove.querystring[0]", "config.rename.headers[0]",
                "config.rename.querystring[0]", "config.replace.headers[0]", "config.replace.uri",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Host", errors["config.remove.headers[0]"][0], StringComparison.Ordinal);
        Assert.Equal("Use \"old-name:new-name\".", errors["config.rename.headers[0]"][0]);
        Assert.Equal("Unknown field.", errors["config.extra"][0]);
        Assert.Equal("Must be a list of strings.", errors["config.append.headers"][0]);
        Assert.Equal("Must be a string.", errors["config.add.headers[3]"][0]);
    }

    [Theory]
    [InlineData("[]", "config")]
    [InlineData("""{"add":[]}""", "config.add")]
    [InlineData("""{"add":{"querystring":["a:1"]}}""", "config.add.querystring")]
    [InlineData("""{"remove":{"headers":["Content-Length"]}}""", "config.remove.headers[0]")]
    [InlineData("""{"add":{"json":["a:1"]}}""", "config.add.json")]
    public void Compile_ResponseTransformerBadShapes_FieldError(string configuration, string field)
    {
        // Act
        var errors = EdgeTestContext.Errors(_response, configuration);

        // Assert
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Compile_ValueKeepsColonsAndSpaces()
    {
        // Arrange
        var plugin = EdgeTestContext.CompileOk<RequestTransformerPlugin>(_request, """{"add":{"headers":[" X-Url : http://a:8080/x "],"querystring":["t:a:b"]}}""");
        var test = new EdgeTestContext(query: "?x=1");

        // Act
        plugin.Apply(test.Context.Request);

        // Assert: the name is trimmed, the value is everything after the first colon.
        Assert.Equal(" http://a:8080/x ", test.RequestHeaders["X-Url"]);
        Assert.Equal("?x=1&t=a%3Ab", test.Context.Request.QueryString.Value);
    }
}
