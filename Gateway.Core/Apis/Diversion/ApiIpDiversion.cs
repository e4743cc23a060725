namespace ApiManager.Gateway.Apis.Diversion;

/// <summary>
/// One IP diversion rule of an API (table <c>ApiIpDiversions</c>): callers whose address is in <see cref="Source"/> (an
/// IPv4/IPv6 address or CIDR range) are sent to <see cref="TargetUrl"/> instead of the backend's destinations. Rules are
/// evaluated by <see cref="Position"/> (0 first); the first match wins. At most <see cref="ApiDiversionService.MaxRules"/> per API.
/// </summary>
public sealed class ApiIpDiversion
{
    public int Id { get; set; }
    public int ApiDefinitionId { get; set; }
    public ApiDefinition? Api { get; set; }

    /// <summary>Evaluation order, 0-based and dense.</summary>
    public int Position { get; set; }

    /// <summary>An IP address or CIDR range, as entered (trimmed).</summary>
    public required string Source { get; set; }

    /// <summary>Absolute http/https URL; its path is kept as a prefix of the forwarded path.</summary>
    public required string TargetUrl { get; set; }
}
