using System.Text;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Plugins.UpstreamBasicAuth;
using ApiManager.Gateway.Tests.Plugins.Transformers;

namespace ApiManager.Gateway.Tests.Plugins.UpstreamBasicAuth;

/// <summary>upstream-basic-auth: validation, the secret from the encrypted column or the input, and the header it sets.</summary>
public sealed class UpstreamBasicAuthTests
{
    private readonly UpstreamBasicAuthDefinition _definition = new();

    [Fact]
    public async Task OnRequest_StoredSecret_ReplacesCallerAuthorization()
    {
        // Arrange
        var plugin = EdgeTestContext.CompileOk<UpstreamBasicAuthPlugin>(_definition, """{"username":"svc-user"}""", secret: "pä:ss");
        var test = new EdgeTestContext();
        test.RequestHeaders.Authorization = "Bearer caller-token";

        // Act
        var verdict = await plugin.OnRequestAsync(test.Context, null!, null);

        // Assert
        Assert.True(verdict.IsContinue);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-user:pä:ss")), test.RequestHeaders.Authorization);
    }

    [Fact]
    public void Compile_PasswordInConfiguration_AcceptedWhileValidatingInput()
    {
        // Act
        var plugin = EdgeTestContext.CompileOk<UpstreamBasicAuthPlugin>(_definition, """{"username":"u","password":"p"}""");

        // Assert
        Assert.Equal("Basic dTpw", plugin.Authorization);
    }

    [Fact]
    public void Compile_SecretAndInlinePassword_StoredSecretWins()
    {
        // Act
        var plugin = EdgeTestContext.CompileOk<UpstreamBasicAuthPlugin>(_definition, """{"username":"u","password":"old"}""", secret: "p");

        // Assert
        Assert.Equal("Basic dTpw", plugin.Authorization);
    }

    [Fact]
    public void Definition_SecretFieldScopesAndDefaults()
    {
        // Arrange
        IPluginDefinition definition = _definition;

        // Act
        var errors = EdgeTestContext.Errors(_definition, definition.DefaultConfiguration);

        // Assert: the default shows both fields and does not compile until they are filled in.
        Assert.Equal("password", definition.SecretField);
        Assert.Equal(PluginScope.Global | PluginScope.Backend | PluginScope.Api, definition.AllowedScopes);
        Assert.Equal(["config.password", "config.username"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"username":"a:b","password":"p"}""", "config.username", "colon")]
    [InlineData("""{"username":"","password":"p"}""", "config.username", "required")]
    [InlineData("""{"username":5,"password":"p"}""", "config.username", "Must be a string.")]
    [InlineData("""{"username":"u","password":""}""", "config.password", "required")]
    [InlineData("""{"username":"u","password":true}""", "config.password", "Must be a string.")]
    [InlineData("""{"username":"u\tx","password":"p"}""", "config.username", "control")]
    [InlineData("""{"username":"u","password":"p","realm":"x"}""", "config.realm", "Unknown field.")]
    public void Compile_BadInput_OneFieldError(string configuration, string field, string message)
    {
        // Act
        var errors = EdgeTestContext.Errors(_definition, configuration);

        // Assert
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Key);
        Assert.Contains(message, Assert.Single(error.Value), StringComparison.Ordinal);
    }
}
