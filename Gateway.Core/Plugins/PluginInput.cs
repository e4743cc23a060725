namespace ApiManager.Gateway.Plugins;

/// <summary>What an admin sends to create or update a plugin.</summary>
internal sealed record PluginInput
{
    /// <summary>The type's name, e.g. <c>ip-restriction</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>global</c>, <c>backend</c>, <c>api</c> or <c>client</c>.</summary>
    public string? Scope { get; init; }

    /// <summary>The backend, API or client id for those scopes; none for global.</summary>
    public int? TargetId { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The configuration as JSON text (a JSON object). The type's secret field, when present and not empty or
    /// <see cref="PluginService.SecretMask"/>, replaces the stored secret; otherwise the stored one is kept.
    /// </summary>
    public string? Configuration { get; init; }

    /// <summary>The stamp the caller read; a different current stamp refuses the update (none: no check).</summary>
    public Guid? ConcurrencyStamp { get; init; }
}
