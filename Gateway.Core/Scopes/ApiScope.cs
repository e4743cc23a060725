namespace ApiManager.Gateway.Scopes;

/// <summary>An API scope: a named bundle of groups; clients are assigned scopes, tokens carry scope names.</summary>
public sealed class ApiScope
{
    public int Id { get; set; }

    /// <summary>Unique; what tokens carry in <c>scope</c> (no spaces).</summary>
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<ApiScopeGroup> Groups { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
