namespace ApiManager.Gateway.Clients.Portal;

/// <summary>What the portal home shows a signed-in partner: its own client, validity, quota and groups with their APIs.</summary>
public sealed record PartnerProfile(
    int Id,
    string ClientId,
    string DisplayName,
    ClientStatus Status,
    DateOnly? StartDate,
    DateOnly? ExpiryDate,
    TimeOnly? ServiceStartTime,
    TimeOnly? ServiceEndTime,
    string TimeZoneId,
    long ApiQuota,
    QuotaResetPeriod QuotaResetPeriod,
    IReadOnlyList<PartnerGroup> Groups);
