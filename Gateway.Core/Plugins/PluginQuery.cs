namespace ApiManager.Gateway.Plugins;

/// <summary>Filters of a plugin listing; null = any. <see cref="Scope"/> and <see cref="Type"/> are names.</summary>
internal sealed record PluginQuery(string? Scope = null, int? TargetId = null, string? Type = null);
