using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>Searchable, server-paged list of API clients with a status filter (default All).</summary>
public sealed partial class ClientList : ListPage<ApiClient>
{
    private ClientStatus? _status;

    [Inject]
    public required ApiClientService Clients { get; init; }

    protected override Task<PagedResult<ApiClient>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken) =>
        Clients.ListAsync(request, _status, cancellationToken);

    private async Task StatusChangedAsync(ClientStatus? value)
    {
        _status = value;
        await ReloadAsync();
    }
}
