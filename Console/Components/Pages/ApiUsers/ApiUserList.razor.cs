using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.ApiUsers;

/// <summary>Searchable, server-paged list of API users with a status filter.</summary>
public sealed partial class ApiUserList : ListPage<ApiUser>
{
    [Inject]
    public required ApiUserService Users { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private ApiUserStatus? Status { get; set; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override Task<PagedResult<ApiUser>> LoadPageAsync(PageRequest request, CancellationToken cancellationToken) =>
        Users.ListAsync(request, Status, cancellationToken);

    private async Task StatusChangedAsync(ApiUserStatus? status)
    {
        Status = status;
        await ReloadAsync();
    }
}
