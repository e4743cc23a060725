namespace ApiManager.Gateway.Apis;

/// <summary>What an admin submits to create or update an API.</summary>
public sealed record ApiInput
{
    public string Name { get; init; } = "";
    public string Version { get; init; } = "v1";
    public string DisplayName { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Path { get; init; } = "";
    public bool StripPath { get; init; } = true;
    public IReadOnlyList<string> Methods { get; init; } = [];
    public int BackendId { get; init; }
    public ApiStatus Status { get; init; } = ApiStatus.Active;
    public bool IsPublic { get; init; }
    public string? Description { get; init; }

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    public static ApiInput From(ApiDefinition a) => new()
    {
        Name = a.Name,
        Version = a.Version,
        DisplayName = a.DisplayName,
        Tags = [.. a.Tags],
        Path = a.Path,
        StripPath = a.StripPath,
        Methods = [.. a.Methods],
        BackendId = a.BackendId,
        Status = a.Status,
        IsPublic = a.IsPublic,
        Description = a.Description,
        ConcurrencyStamp = a.ConcurrencyStamp,
    };
}
