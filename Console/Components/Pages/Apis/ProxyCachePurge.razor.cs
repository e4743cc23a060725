using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins.ProxyCache;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Confirms, purges the API's cached responses and reports how many in a snackbar.</summary>
public sealed partial class ProxyCachePurge : ConsolePageBase
{
    private bool _purging;

    [Parameter]
    public int ApiId { get; set; }

    [Parameter]
    public string ApiName { get; set; } = "";

    [Inject]
    internal ProxyCachePurgeService Purge { get; init; } = default!;

    private async Task PurgeAsync()
    {
        var answer = await DialogService.ShowMessageBoxAsync(
            new MessageBoxOptions
            {
                Title = $"Purge the cache of API {ApiName}",
                Message = "Remove every response the proxy cache holds for this API? The next calls go to the backend.",
                YesText = "Purge",
                CancelText = "Cancel",
            },
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall });
        if (answer != true)
        {
            return;
        }

        _purging = true;
        try
        {
            var purged = await Purge.PurgeAsync(ApiId, CurrentUser.Actor, PageToken);
            Snackbar.Add(purged == 1 ? "1 cached response purged." : $"{purged} cached responses purged.", Severity.Success);
        }
        catch (EntityNotFoundException)
        {
            Snackbar.Add("The API no longer exists.", Severity.Error);
        }
        finally
        {
            _purging = false;
        }
    }
}
