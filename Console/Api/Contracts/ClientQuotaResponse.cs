using ApiManager.Gateway.Traffic;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>
/// A client's API quota usage as counted live on this node: <c>quota</c> 0 = unlimited; <c>resetPeriod</c> none, daily,
/// weekly or monthly; <c>resetsAt</c> (UTC) is null when the quota never resets.
/// </summary>
internal sealed record ClientQuotaResponse(
    string ClientId,
    long Quota,
    bool Unlimited,
    long Used,
    long Remaining,
    string ResetPeriod,
    string TimeZone,
    DateTime PeriodStart,
    DateTime? ResetsAt)
{
    public static ClientQuotaResponse From(string clientId, QuotaUsage usage) => new(
        clientId,
        usage.Quota,
        usage.IsUnlimited,
        usage.Used,
        usage.Remaining,
        usage.Period.ToString().ToLowerInvariant(),
        usage.Zone.Id,
        usage.PeriodStartUtc,
        usage.ResetsAtUtc);
}
