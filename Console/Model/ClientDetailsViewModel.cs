using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of an API client (level, IP bindings, groups, scopes), and its delete action.</summary>
internal sealed class ClientDetailsViewModel(ApiClientService clients)
{
    public ApiClient? Client { get; private set; }

    public bool NotFound { get; private set; }

    /// <summary>Why the last delete failed.</summary>
    public string? Error { get; private set; }

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Client = await clients.FindAsync(id, cancellationToken);
        NotFound = Client is null;
    }

    /// <summary>Deletes the client with its bindings and memberships; false (with <see cref="Error"/>) when it failed.</summary>
    public async Task<bool> DeleteAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Client is null)
        {
            return false;
        }

        try
        {
            await clients.DeleteAsync(Client.Id, actor, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }
}
