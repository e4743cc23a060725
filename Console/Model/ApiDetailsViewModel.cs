using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of an API, and its delete action.</summary>
internal sealed class ApiDetailsViewModel(ApiService apis)
{
    public ApiDefinition? Api { get; private set; }

    public bool NotFound { get; private set; }

    /// <summary>Why the last delete was refused.</summary>
    public string? Error { get; private set; }

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Api = await apis.FindAsync(id, cancellationToken);
        NotFound = Api is null;
    }

    /// <summary>Deletes the API; false (with <see cref="Error"/>) when refused.</summary>
    public async Task<bool> DeleteAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Api is null)
        {
            return false;
        }

        try
        {
            await apis.DeleteAsync(Api.Id, actor, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }
}
