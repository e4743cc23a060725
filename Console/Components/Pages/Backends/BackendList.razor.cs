using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Backends;

/// <summary>Searchable, server-paged list of backends.</summary>
public sealed partial class BackendList : ListPage<Backend>
{
    [Inject]
    public required BackendService Backends { get; init; }

    protected override Task<PagedResult<Backend>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken) =>
        Backends.ListAsync(request, cancellationToken);
}
