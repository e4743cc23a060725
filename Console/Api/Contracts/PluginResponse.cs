using System.Text.Json;
using ApiManager.Gateway.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A plugin as the admin API returns it; a stored secret shows as <c>"********"</c> and <see cref="HasSecret"/>.</summary>
internal sealed record PluginResponse(
    int Id,
    string Type,
    string Scope,
    int? TargetId,
    string? TargetName,
    bool Enabled,
    JsonElement Configuration,
    bool HasSecret,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    public static PluginResponse From(PluginView p)
    {
        ArgumentNullException.ThrowIfNull(p);
        using var configuration = JsonDocument.Parse(p.Configuration);
        return new(p.Id, p.TypeName, p.ScopeName, p.TargetId, p.TargetName, p.Enabled, configuration.RootElement.Clone(), p.HasSecret,
            p.CreatedAt, p.UpdatedAt, p.ConcurrencyStamp);
    }
}
