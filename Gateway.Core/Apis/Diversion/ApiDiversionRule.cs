namespace ApiManager.Gateway.Apis.Diversion;

/// <summary>One rule as written by the console and the admin API: caller IP/CIDR → target URL.</summary>
/// <param name="Source">An IPv4/IPv6 address or CIDR range, e.g. <c>10.0.0.0/8</c>.</param>
/// <param name="TargetUrl">Absolute http/https URL without query, fragment or user info.</param>
public sealed record ApiDiversionRule(string? Source, string? TargetUrl)
{
    /// <summary>The rule of a stored row.</summary>
    public static ApiDiversionRule From(ApiIpDiversion row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ApiDiversionRule(row.Source, row.TargetUrl);
    }
}
