namespace ApiManager.Gateway.Plugins;

/// <summary>
/// A configured plugin: its type, where it applies (<see cref="Scope"/> with the backend, API or client it is bound
/// to), whether it is enabled and its validated configuration JSON. At most one instance per type and scope target.
/// A secret part of the configuration (upstream-basic-auth's password) is kept apart, encrypted.
/// </summary>
public sealed class PluginInstance
{
    public int Id { get; set; }

    public PluginType Type { get; set; }

    /// <summary>Exactly one of Global, Backend, Api, Client.</summary>
    public PluginScope Scope { get; set; }

    /// <summary>Set when <see cref="Scope"/> is Backend.</summary>
    public int? BackendId { get; set; }

    /// <summary>Set when <see cref="Scope"/> is Api.</summary>
    public int? ApiId { get; set; }

    /// <summary>Set when <see cref="Scope"/> is Client (the API client's database id).</summary>
    public int? ClientId { get; set; }

    /// <summary>A disabled plugin is kept but does not run (a wider-scoped one of its type applies instead).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The configuration as a JSON object, without the secret.</summary>
    public string Configuration { get; set; } = "{}";

    /// <summary>The secret part of the configuration, encrypted with <c>SecretProtector</c>; null when the type has none.</summary>
    public string? ProtectedSecret { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency stamp, replaced on each update.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>The id of the backend, API or client the plugin is bound to; null for global.</summary>
    public int? ScopeId => Scope switch
    {
        PluginScope.Backend => BackendId,
        PluginScope.Api => ApiId,
        PluginScope.Client => ClientId,
        _ => null,
    };
}
