using System.Text.Json;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ApiManager.Gateway.Tests.Plugins.Transformers;

/// <summary>
/// A <see cref="DefaultHttpContext"/> whose response keeps its <c>OnStarting</c> callbacks so a test can run them as
/// the server would (last registered first), plus helpers to compile edge plugins from configuration text.
/// </summary>
internal sealed class EdgeTestContext
{
    private readonly StartableResponseFeature _response = new();

    public EdgeTestContext(string method = "GET", string? query = null)
    {
        Context = new DefaultHttpContext();
        Context.Features.Set<IHttpResponseFeature>(_response);
        Context.Request.Method = method;
        if (query is not null)
        {
            Context.Request.QueryString = new QueryString(query);
        }
    }

    public DefaultHttpContext Context { get; }

    public IHeaderDictionary RequestHeaders => Context.Request.Headers;

    public IHeaderDictionary ResponseHeaders => Context.Response.Headers;

    /// <summary>How many <c>OnStarting</c> callbacks were registered.</summary>
    public int StartingCallbacks => _response.Callbacks.Count;

    /// <summary>Runs the <c>OnStarting</c> callbacks, last registered first.</summary>
    public async Task StartResponseAsync()
    {
        for (var i = _response.Callbacks.Count - 1; i >= 0; i--)
        {
            var (callback, state) = _response.Callbacks[i];
            await callback(state);
        }
    }

    public static PluginCompilation Compile(IPluginDefinition definition, string configuration, PluginScope scope = PluginScope.Api, string? secret = null, int instanceId = 1)
    {
        using var document = JsonDocument.Parse(configuration);
        return definition.Compile(new PluginSettings(instanceId, scope, scope == PluginScope.Global ? null : 7, document.RootElement.Clone(), secret));
    }

    public static T CompileOk<T>(IPluginDefinition definition, string configuration, PluginScope scope = PluginScope.Api, string? secret = null, int instanceId = 1)
        where T : GatewayPlugin
    {
        var compilation = Compile(definition, configuration, scope, secret, instanceId);
        Assert.True(compilation.Succeeded, string.Join("; ", compilation.Errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))));
        return Assert.IsType<T>(compilation.Plugin);
    }

    /// <summary>The field errors of a configuration that must not compile.</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(IPluginDefinition definition, string configuration, string? secret = null)
    {
        var compilation = Compile(definition, configuration, secret: secret);
        Assert.False(compilation.Succeeded);
        Assert.Null(compilation.Plugin);
        return compilation.Errors;
    }

    private sealed class StartableResponseFeature : HttpResponseFeature
    {
        public List<(Func<object, Task> Callback, object State)> Callbacks { get; } = [];

        public override void OnStarting(Func<object, Task> callback, object state) => Callbacks.Add((callback, state));
    }
}
