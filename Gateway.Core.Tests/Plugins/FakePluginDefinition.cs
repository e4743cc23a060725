using System.Globalization;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Plugins;

/// <summary>
/// A plugin definition for tests of the plugin framework, posing as <paramref name="type"/>: its plugins add
/// <c>X-Fake-Plugins: type:instanceId</c> to the response, reject with 418 when the request has <c>X-Fake-Reject</c>,
/// and answer 299 themselves when it has <c>X-Fake-Answer</c>. Configuration <c>{"fail": true}</c> does not compile.
/// </summary>
internal sealed class FakePluginDefinition(PluginType type, bool beforeAuthentication = false) : IPluginDefinition
{
    public const string TraceHeader = "X-Fake-Plugins";

    public static readonly GatewayError Rejected = new(418, "fake_rejected", "I'm a teapot", "The fake plugin rejected the request.");

    public PluginType Type => type;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client;

    public string DefaultConfiguration => "{}";

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Configuration.TryGetProperty("fail", out var fail) && fail.ValueKind == System.Text.Json.JsonValueKind.True)
        {
            return PluginCompilation.Failure(new Dictionary<string, string[]> { ["config.fail"] = ["The fake plugin was told to fail."] });
        }

        return PluginCompilation.Success(new FakePlugin(type, settings.InstanceId, beforeAuthentication));
    }

    internal sealed class FakePlugin(PluginType type, int instanceId, bool beforeAuthentication) : GatewayPlugin(type, instanceId)
    {
        public override bool RunsBeforeAuthentication => beforeAuthentication;

        public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
        {
            context.Response.Headers.Append(TraceHeader, PluginTypes.Name(Type) + ":" + InstanceId.ToString(CultureInfo.InvariantCulture));
            if (context.Request.Headers.ContainsKey("X-Fake-Reject"))
            {
                return new(PluginVerdict.Reject(Rejected));
            }

            if (context.Request.Headers.ContainsKey("X-Fake-Answer"))
            {
                context.Response.StatusCode = 299;
                return new(PluginVerdict.Answered);
            }

            return new(PluginVerdict.Continue);
        }
    }
}
