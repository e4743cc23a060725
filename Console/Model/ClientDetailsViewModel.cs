using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of an API client (level, IP bindings, groups, scopes), and its delete action (with its bindings and memberships).</summary>
internal sealed class ClientDetailsViewModel(ApiClientService clients) : DetailsViewModel<ApiClient>
{
    public ApiClient? Client => Item;

    protected override Task<ApiClient?> FindAsync(int id, CancellationToken cancellationToken) => clients.FindAsync(id, cancellationToken);

    protected override Task DeleteItemAsync(ApiClient item, Actor actor, CancellationToken cancellationToken) =>
        clients.DeleteAsync(item.Id, actor, cancellationToken);
}
