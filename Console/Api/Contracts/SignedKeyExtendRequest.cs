namespace ApiManager.Admin.Api.Contracts;

/// <summary>A new expiry and/or a new quota (−1 unlimited or ≥ 1; the remaining uses restart at it).</summary>
internal sealed record SignedKeyExtendRequest(DateTime? ExpiresAt, long? TimesQuota);
