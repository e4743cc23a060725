namespace ApiManager.Gateway.SecurityLevels;

/// <summary>
/// A security level. Rank 1 is the highest (A). A client may only see and hold groups whose level ranks the same as or
/// below its own (a client at C never sees groups at A or B).
/// </summary>
public sealed class SecurityLevel
{
    public int Id { get; set; }

    /// <summary>Short code shown everywhere (A, B, C, D, or an admin-defined code).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>1 = highest; unique.</summary>
    public int Rank { get; set; }
    public string? Description { get; set; }

    /// <summary>Seeded levels (A–D) cannot be deleted.</summary>
    public bool IsSystem { get; set; }

    /// <summary>The level new clients and groups get unless another is chosen (exactly one level is the default).</summary>
    public bool IsDefault { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
