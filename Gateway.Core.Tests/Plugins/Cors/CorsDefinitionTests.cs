using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Cors;
using ApiManager.Gateway.Tests.Plugins.Transformers;

namespace ApiManager.Gateway.Tests.Plugins.Cors;

/// <summary>Validation of cors configurations: every problem is a field error keyed <c>config.&lt;field&gt;</c>.</summary>
public sealed class CorsDefinitionTests
{
    private readonly CorsDefinition _definition = new();

    [Fact]
    public void Compile_DefaultConfiguration_KongDefaultsAndScopes()
    {
        // Act
        var plugin = EdgeTestContext.CompileOk<CorsPlugin>(_definition, _definition.DefaultConfiguration);
        var fields = JsonDocument.Parse(_definition.DefaultConfiguration).RootElement.EnumerateObject().Select(p => p.Name);

        // Assert
        Assert.True(plugin.RunsBeforeAuthentication);
        Assert.True(plugin.IsAllowed("https://anything.example"));
        Assert.Equal(["origins", "methods", "headers", "exposed_headers", "credentials", "max_age", "preflight_continue"], fields);
        Assert.Equal(PluginScope.Global | PluginScope.Backend | PluginScope.Api, _definition.AllowedScopes);
        Assert.Null(((Gateway.Plugins.Runtime.IPluginDefinition)_definition).SecretField);
    }

    [Fact]
    public void Compile_InvalidRegex_FieldErrorAtItsIndex()
    {
        // Act
        var errors = EdgeTestContext.Errors(_definition, """{"origins":["https://ok.example.com","https://(unclosed.example.com"]}""");

        // Assert
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "config.origins[1]").Value);
        Assert.Contains("not a valid regular expression", message, StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("""{"origins":"*"}""", "config.origins")]
    [InlineData("""{"origins":[""]}""", "config.origins[0]")]
    [InlineData("""{"origins":["app.example.com"]}""", "config.origins[0]")]
    [InlineData("""{"origins":["https://app.example.com/path"]}""", "config.origins[0]")]
    [InlineData("""{"origins":[42]}""", "config.origins[0]")]
    [InlineData("""{"methods":["GET","FETCH"]}""", "config.methods[1]")]
    [InlineData("""{"methods":[]}""", "config.methods")]
    [InlineData("""{"headers":["X-Ok","Bad Header"]}""", "config.headers[1]")]
    [InlineData("""{"exposed_headers":"X-A"}""", "config.exposed_headers")]
    [InlineData("""{"credentials":"yes"}""", "config.credentials")]
    [InlineData("""{"max_age":-1}""", "config.max_age")]
    [InlineData("""{"max_age":1.5}""", "config.max_age")]
    [InlineData("""{"preflight_continue":1}""", "config.preflight_continue")]
    [InlineData("""{"orgins":["*"]}""", "config.orgins")]
    [InlineData("""{"private_network":true}""", "config.private_network")]
    [InlineData("""["*"]""", "config")]
    public void Compile_BadInput_OneFieldError(string configuration, string field)
    {
        // Act
        var errors = EdgeTestContext.Errors(_definition, configuration);

        // Assert
        Assert.Equal([field], errors.Keys);
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public void Compile_SeveralProblems_AllReported()
    {
        // Act
        var errors = EdgeTestContext.Errors(_definition, """{"origins":["(", "*"],"methods":["NOPE"],"credentials":null,"max_age":"600","unknown":true}""");

        // Assert
        Assert.Equal(["config.max_age", "config.methods[0]", "config.origins[0]", "config.unknown"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("HTTP://App.Example.com:80", "http://app.example.com")]
    [InlineData("https://app.example.com:8443", "https://app.example.com:8443")]
    [InlineData("https://user@app.example.com", null)]
    [InlineData("localhost", null)]
    public void Normalize_Entries_BrowserForm(string entry, string? expected)
    {
        // Act
        var origin = CorsDefinition.Normalize(entry);

        // Assert
        Assert.Equal(expected, origin);
    }
}
