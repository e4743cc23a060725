using System.Text;
using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Plugins.Sandbox;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Plugins.Sandbox;

/// <summary>Sandbox configurations and the compiled plugin on <see cref="DefaultHttpContext"/>.</summary>
public sealed class SandboxPluginTests
{
    internal static PluginCompilation Compile(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new SandboxDefinition().Compile(new PluginSettings(3, PluginScope.Api, 1, document.RootElement.Clone()));
    }

    [Fact]
    public async Task OnRequest_MockHeaderTrue_AnswersTheStoredResponse()
    {
        // Arrange
        var plugin = Plugin("""{"status":201,"headers":{"X-Env":"sandbox","Location":"/orders/1"},"body":"{\"id\":1}","content_type":"application/json"}""");
        var context = Context("TRUE");

        // Act
        var verdict = await plugin.OnRequestAsync(context, null!, null);

        // Assert
        Assert.True(verdict.IsAnswered);
        Assert.Equal(201, context.Response.StatusCode);
        Assert.Equal("sandbox", context.Response.Headers["X-Env"]);
        Assert.Equal("/orders/1", context.Response.Headers.Location);
        Assert.Equal("true", context.Response.Headers["X-Mock-Test"]);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal(8, context.Response.ContentLength);
        Assert.Equal("""{"id":1}""", Body(context));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("1")]
    public async Task OnRequest_NoMockHeaderOrNotTrue_Continues(string? header)
    {
        // Arrange
        var plugin = Plugin(new SandboxDefinition().DefaultConfiguration);
        var context = Context(header);

        // Act
        var verdict = await plugin.OnRequestAsync(context, null!, null);

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("X-Mock-Test"));
        Assert.Equal("", Body(context));
    }

    [Fact]
    public async Task OnRequest_DefaultConfiguration_Empty200()
    {
        // Arrange
        var plugin = Plugin(new SandboxDefinition().DefaultConfiguration);
        var context = Context("true");

        // Act
        var verdict = await plugin.OnRequestAsync(context, null!, null);

        // Assert
        Assert.True(verdict.IsAnswered);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(0, context.Response.ContentLength);
        Assert.Equal("", Body(context));
    }

    [Theory]
    [InlineData("""{"status":99}""", "config.status")]
    [InlineData("""{"status":100}""", "config.status")]
    [InlineData("""{"status":600}""", "config.status")]
    [InlineData("""{"status":"200"}""", "config.status")]
    [InlineData("""{"status":204,"body":"x"}""", "config.body")]
    [InlineData("""{"body":42}""", "config.body")]
    [InlineData("""{"content_type":"not a type"}""", "config.content_type")]
    [InlineData("""{"headers":["X-A"]}""", "config.headers")]
    [InlineData("""{"headers":{"X-A":1}}""", "config.headers.X-A")]
    [InlineData("""{"headers":{"Bad Name":"v"}}""", "config.headers.Bad Name")]
    [InlineData("""{"headers":{"Content-Length":"3"}}""", "config.headers.Content-Length")]
    [InlineData("""{"headers":{"content-type":"text/plain"}}""", "config.headers.content-type")]
    [InlineData("""{"headers":{"X-A":"a\r\nX-B: b"}}""", "config.headers.X-A")]
    [InlineData("""{"headers":{"X-A":"1","x-a":"2"}}""", "config.headers.x-a")]
    [InlineData("""{"mock":true}""", "config.mock")]
    public void Compile_BadConfiguration_FieldError(string json, string field)
    {
        // Act
        var compilation = Compile(json);

        // Assert
        Assert.False(compilation.Succeeded);
        Assert.Contains(field, compilation.Errors.Keys);
    }

    [Fact]
    public void Definition_Scopes_ApiAndBackendOnly()
    {
        // Act
        var scopes = new SandboxDefinition().AllowedScopes;

        // Assert
        Assert.Equal(PluginScope.Api | PluginScope.Backend, scopes);
    }

    private static SandboxPlugin Plugin(string json) => Assert.IsType<SandboxPlugin>(Compile(json).Plugin);

    private static DefaultHttpContext Context(string? mockHeader)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Response.Body = new MemoryStream();
        if (mockHeader is not null)
        {
            context.Request.Headers["X-Mock-Test"] = mockHeader;
        }

        return context;
    }

    private static string Body(DefaultHttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
