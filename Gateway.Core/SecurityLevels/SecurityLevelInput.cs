namespace ApiManager.Gateway.SecurityLevels;

/// <summary>What an admin submits to create or update a security level (the default is set separately).</summary>
public sealed record SecurityLevelInput
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public int Rank { get; init; }
    public string? Description { get; init; }

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    public static SecurityLevelInput From(SecurityLevel l) => new()
    {
        Code = l.Code,
        Name = l.Name,
        Rank = l.Rank,
        Description = l.Description,
        ConcurrencyStamp = l.ConcurrencyStamp,
    };
}
