namespace ApiManager.Gateway.Common;

/// <summary>A page of a searchable list: 1-based page, page size 1–200, optional keyword.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.DefaultPageSize, string? Query = null)
{
    /// <summary>Page size used when none is given.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>Largest page size a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Clamps page and size into range and trims the keyword.</summary>
    public PageRequest Normalize() => new(
        Math.Max(1, Page),
        PageSize <= 0 ? DefaultPageSize : Math.Min(PageSize, MaxPageSize),
        string.IsNullOrWhiteSpace(Query) ? null : Query.Trim());

    /// <summary>Rows to skip for this page.</summary>
    public int Skip => (Math.Max(1, Page) - 1) * PageSize;
}
