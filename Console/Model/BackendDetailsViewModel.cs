using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of a backend with the APIs that use it, and its delete action.</summary>
internal sealed class BackendDetailsViewModel(BackendService backends) : DetailsViewModel<Backend>
{
    public Backend? Backend => Item;

    public IReadOnlyList<string> Dependents { get; private set; } = [];

    protected override Task<Backend?> FindAsync(int id, CancellationToken cancellationToken) => backends.FindAsync(id, cancellationToken);

    protected override async Task OnLoadedAsync(int id, Backend? item, CancellationToken cancellationToken) =>
        Dependents = item is null ? [] : await backends.FindDependentsAsync(id, cancellationToken);

    protected override Task DeleteItemAsync(Backend item, Actor actor, CancellationToken cancellationToken) =>
        backends.DeleteAsync(item.Id, actor, cancellationToken);
}
