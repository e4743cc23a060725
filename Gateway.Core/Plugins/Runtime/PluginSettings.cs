using System.Text.Json;

namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>A stored plugin as its definition compiles it.</summary>
/// <param name="InstanceId">The plugin's database id (0 while validating a new one).</param>
/// <param name="Scope">Where it applies.</param>
/// <param name="ScopeId">The backend, API or client id for those scopes; null for global.</param>
/// <param name="Configuration">The configuration JSON (a JSON object).</param>
/// <param name="Secret">The decrypted secret part of the configuration (upstream-basic-auth's password), if the type has one.</param>
internal sealed record PluginSettings(int InstanceId, PluginScope Scope, int? ScopeId, JsonElement Configuration, string? Secret = null);
