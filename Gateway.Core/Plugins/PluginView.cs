namespace ApiManager.Gateway.Plugins;

/// <summary>A stored plugin as admins see it: the secret is never included, only masked.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Type">The type.</param>
/// <param name="Scope">Where it applies.</param>
/// <param name="TargetId">The backend, API or client id; null for global.</param>
/// <param name="TargetName">The backend's name, the API's name and version or the client's id and name; null for global.</param>
/// <param name="Enabled">Whether it runs.</param>
/// <param name="Configuration">The normalized configuration JSON object; a set secret shows as <see cref="PluginService.SecretMask"/>.</param>
/// <param name="HasSecret">True when an encrypted secret is stored.</param>
/// <param name="CreatedAt">UTC creation time.</param>
/// <param name="UpdatedAt">UTC time of the last change.</param>
/// <param name="ConcurrencyStamp">Send back on update.</param>
internal sealed record PluginView(
    int Id,
    PluginType Type,
    PluginScope Scope,
    int? TargetId,
    string? TargetName,
    bool Enabled,
    string Configuration,
    bool HasSecret,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    /// <summary>The type's name, e.g. <c>ip-restriction</c>.</summary>
    public string TypeName => PluginTypes.Name(Type);

    /// <summary>The scope's name: <c>global</c>, <c>backend</c>, <c>api</c> or <c>client</c>.</summary>
    public string ScopeName => PluginScopeNames.Name(Scope);
}
