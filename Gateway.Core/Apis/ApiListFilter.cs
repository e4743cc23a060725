namespace ApiManager.Gateway.Apis;

/// <summary>Filters of the "My APIs" list besides the keyword: status, one tag (exact, case-insensitive) and backend.</summary>
public sealed record ApiListFilter(ApiStatus? Status = null, string? Tag = null, int? BackendId = null);
