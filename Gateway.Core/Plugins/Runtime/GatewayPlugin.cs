using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>
/// One configured plugin instance, compiled once per snapshot (immutable; shared by concurrent requests). State that
/// must outlive a snapshot (rate-limit counters, cached responses) lives in singletons the definition passes in,
/// keyed by <see cref="InstanceId"/>.
/// </summary>
internal abstract class GatewayPlugin
{
    protected GatewayPlugin(PluginType type, int instanceId)
    {
        Type = type;
        InstanceId = instanceId;
        Priority = PluginTypes.Priority(type);
    }

    public PluginType Type { get; }

    /// <summary>The stored plugin's database id.</summary>
    public int InstanceId { get; }

    /// <summary>Run priority, higher first (<see cref="PluginTypes.Priority"/>).</summary>
    public int Priority { get; }

    /// <summary>True for plugins that run before the caller is authenticated (cors); they never see a caller.</summary>
    public virtual bool RunsBeforeAuthentication => false;

    /// <summary>True when <see cref="OnForwardedAsync"/> must be called after the backend answered.</summary>
    public virtual bool HasForwardedStep => false;

    /// <summary>
    /// Runs before forwarding. <paramref name="caller"/> is null for public APIs and before authentication. A plugin that
    /// changes response headers registers <c>context.Response.OnStarting</c> itself.
    /// </summary>
    public virtual ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller) =>
        new(PluginVerdict.Continue);

    /// <summary>Runs after the backend answered (only when <see cref="HasForwardedStep"/> and every stage let the request through).</summary>
    public virtual ValueTask OnForwardedAsync(HttpContext context, RouteInfo route) => default;
}
