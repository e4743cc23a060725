namespace ApiManager.Gateway.Common;

/// <summary>One page of a list plus the total number of matching rows.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
