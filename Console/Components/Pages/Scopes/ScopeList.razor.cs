using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Scopes;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Scopes;

/// <summary>Searchable, server-paged list of API scopes.</summary>
public sealed partial class ScopeList : ListPage<ApiScope>
{
    [Inject]
    public required ApiScopeService Scopes { get; init; }

    protected override Task<PagedResult<ApiScope>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken) =>
        Scopes.ListAsync(request, cancellationToken);
}
