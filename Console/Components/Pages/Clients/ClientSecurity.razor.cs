using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Components.Pages.Clients.Security;
using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>
/// <c>/clients/{id}/security</c>: one tab per concern (level, groups, scopes, status, password), each a component under
/// <c>Security/</c> fed by a cascaded <see cref="ClientSecurityContext"/>; further tabs slot into the same <c>MudTabs</c>.
/// </summary>
public sealed partial class ClientSecurity : ConsolePageBase
{
    private ClientSecurityContext? _context;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    internal ClientSecurityViewModel ViewModel { get; init; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await ViewModel.LoadAsync(Id, PageToken);
        _context = new ClientSecurityContext(ViewModel, CanWrite, CurrentUser.Actor, () => InvokeAsync(StateHasChanged), PageToken);
    }
}
