using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.SecurityLevels;

/// <summary>Searchable, server-paged list of security levels by rank.</summary>
public sealed partial class SecurityLevelList : ListPage<SecurityLevel>
{
    [Inject]
    public required SecurityLevelService Levels { get; init; }

    protected override Task<PagedResult<SecurityLevel>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken) =>
        Levels.ListAsync(request, cancellationToken);
}
