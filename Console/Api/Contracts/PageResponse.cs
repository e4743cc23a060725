namespace ApiManager.Admin.Api.Contracts;

/// <summary>One page of a list: the items, the total number of matches, the 1-based page and the page size.</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
