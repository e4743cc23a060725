using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>The editable state of the security level form (mutable for binding); converts to <see cref="SecurityLevelInput"/>.</summary>
internal sealed class SecurityLevelForm
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Rank { get; set; }
    public string? Description { get; set; }
    public bool IsSystem { get; set; }
    public Guid? ConcurrencyStamp { get; set; }

    public static SecurityLevelForm From(SecurityLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return new SecurityLevelForm
        {
            Code = level.Code,
            Name = level.Name,
            Rank = level.Rank,
            Description = level.Description,
            IsSystem = level.IsSystem,
            ConcurrencyStamp = level.ConcurrencyStamp,
        };
    }

    public SecurityLevelInput ToInput() => new() { Code = Code, Name = Name, Rank = Rank, Description = Description, ConcurrencyStamp = ConcurrencyStamp };
}
