using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of an API, and its delete action.</summary>
internal sealed class ApiDetailsViewModel(ApiService apis) : DetailsViewModel<ApiDefinition>
{
    public ApiDefinition? Api => Item;

    protected override Task<ApiDefinition?> FindAsync(int id, CancellationToken cancellationToken) => apis.FindAsync(id, cancellationToken);

    protected override Task DeleteItemAsync(ApiDefinition item, Actor actor, CancellationToken cancellationToken) =>
        apis.DeleteAsync(item.Id, actor, cancellationToken);
}
