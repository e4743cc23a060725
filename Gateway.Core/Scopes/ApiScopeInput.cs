namespace ApiManager.Gateway.Scopes;

/// <summary>What an admin submits to create or update an API scope (its groups are managed separately).</summary>
public sealed record ApiScopeInput
{
    public string Name { get; init; } = "";
    public string? Description { get; init; }

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    public static ApiScopeInput From(ApiScope s) => new() { Name = s.Name, Description = s.Description, ConcurrencyStamp = s.ConcurrencyStamp };
}
