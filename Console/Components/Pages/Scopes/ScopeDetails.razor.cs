using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Scopes;

/// <summary>
/// One API scope: its groups (added through a searchable picker, removed one by one) and the clients holding it; a
/// confirmed delete that, when clients hold the scope, offers to remove those assignments too.
/// </summary>
public sealed partial class ScopeDetails : MembershipDetailsPage<ApiScope, ApiGroup>
{
    [Inject]
    internal ApiScopeDetailsViewModel ViewModel { get; init; } = default!;

    protected override string Noun => "API scope";

    protected override string? ItemName => ViewModel.Scope?.Name;

    protected override string ListPath => "/scopes";

    protected override int HolderCount => ViewModel.Clients.Count;

    private protected override MembershipDetailsViewModel<ApiScope, ApiGroup> Model => ViewModel;

    protected override string AddedMessage(int count) => $"{count} API group(s) added.";

    protected override string RemovedMessage() => "API group removed from the scope.";

    private Task RemoveGroupAsync(int groupId) => RemoveMemberAsync(() => ViewModel.RemoveGroupAsync(groupId, CurrentUser.Actor, PageToken));
}
