using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Searchable, server-paged list of APIs.</summary>
public sealed partial class ApiList : ListPage<ApiDefinition>
{
    [Inject]
    public required ApiService Apis { get; init; }

    protected override Task<PagedResult<ApiDefinition>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken) =>
        Apis.ListAsync(request, cancellationToken);
}
