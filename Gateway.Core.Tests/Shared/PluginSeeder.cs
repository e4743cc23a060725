using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>Stores plugin rows directly (bypassing the plugin service's validation) and bumps the config version.</summary>
internal static class PluginSeeder
{
    /// <summary>
    /// Adds a plugin of <paramref name="type"/> at <paramref name="scope"/> bound to <paramref name="targetId"/> (the
    /// backend, API or client id; null for global) and returns its id. Call <c>host.WaitForConfigAsync</c> afterwards.
    /// </summary>
    public static async Task<int> AddAsync(GatewayHost host, PluginType type, PluginScope scope, int? targetId, string configuration, CancellationToken ct, string? protectedSecret = null)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plugin = new PluginInstance
        {
            Type = type,
            Scope = scope,
            BackendId = scope == PluginScope.Backend ? targetId : null,
            ApiId = scope == PluginScope.Api ? targetId : null,
            ClientId = scope == PluginScope.Client ? targetId : null,
            Configuration = configuration,
            ProtectedSecret = protectedSecret,
        };
        db.Plugins.Add(plugin);
        await host.Services.GetRequiredService<ConfigChangeWriter>().CommitAsync(
            db, GatewayHost.TestActor, () => new AuditChange("Plugin", "new", "create", null, null), ct);
        return plugin.Id;
    }
}
