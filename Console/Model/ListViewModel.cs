using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>A searchable, server-paged list: keeps the keyword and turns table page indexes into <see cref="PageRequest"/>s.</summary>
internal sealed class ListViewModel<T>(Func<PageRequest, CancellationToken, Task<PagedResult<T>>> load)
{
    public string? Search { get; set; }

    public int Total { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Loads the page at zero-based <paramref name="pageIndex"/>.</summary>
    public async Task<PagedResult<T>> LoadPageAsync(int pageIndex, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            var result = await load(new PageRequest(pageIndex + 1, pageSize, Search), cancellationToken);
            Total = result.Total;
            Error = null;
            return result;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            Error = ex.Message;
            return new PagedResult<T>([], 0, pageIndex + 1, pageSize);
        }
    }
}
