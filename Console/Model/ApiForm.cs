using ApiManager.Gateway.Apis;

namespace ApiManager.Admin.Model;

/// <summary>The editable state of the API form (mutable for binding); converts to <see cref="ApiInput"/>.</summary>
public sealed class ApiForm
{
    public string Name { get; set; } = "";
    public string Version { get; set; } = "v1";
    public string DisplayName { get; set; } = "";

    /// <summary>Tags as typed: separated by commas.</summary>
    public string? TagsText { get; set; }
    public string Path { get; set; } = "";
    public bool StripPath { get; set; } = true;

    /// <summary>Allowed methods; empty means every method.</summary>
    public IReadOnlyCollection<string> Methods { get; set; } = [];

    /// <summary>The chosen backend; 0 when none is chosen.</summary>
    public int BackendId { get; set; }
    public ApiStatus Status { get; set; } = ApiStatus.Active;
    public bool IsPublic { get; set; }
    public string? Description { get; set; }
    public Guid? ConcurrencyStamp { get; set; }

    public static ApiForm From(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return new ApiForm
        {
            Name = api.Name,
            Version = api.Version,
            DisplayName = api.DisplayName,
            TagsText = string.Join(", ", api.Tags),
            Path = api.Path,
            StripPath = api.StripPath,
            Methods = [.. api.Methods],
            BackendId = api.BackendId,
            Status = api.Status,
            IsPublic = api.IsPublic,
            Description = api.Description,
            ConcurrencyStamp = api.ConcurrencyStamp,
        };
    }

    public static IReadOnlyList<string> SplitTags(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public ApiInput ToInput() => new()
    {
        Name = Name,
        Version = Version,
        DisplayName = DisplayName,
        Tags = SplitTags(TagsText),
        Path = Path,
        StripPath = StripPath,
        Methods = [.. Methods],
        BackendId = BackendId,
        Status = Status,
        IsPublic = IsPublic,
        Description = Description,
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
