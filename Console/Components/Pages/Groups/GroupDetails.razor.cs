using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Groups;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Groups;

/// <summary>
/// One API group: its settings, its APIs (added through a searchable picker, removed one by one) and who holds it; a
/// confirmed delete that, when clients or scopes hold the group, offers to remove those memberships too.
/// </summary>
public sealed partial class GroupDetails : MembershipDetailsPage<ApiGroup, ApiDefinition>
{
    [Inject]
    internal ApiGroupDetailsViewModel ViewModel { get; init; } = default!;

    protected override string Noun => "API group";

    protected override string? ItemName => ViewModel.Group?.Name;

    protected override string ListPath => "/groups";

    protected override int HolderCount => ViewModel.Usage.Count;

    private protected override MembershipDetailsViewModel<ApiGroup, ApiDefinition> Model => ViewModel;

    protected override string AddedMessage(int count) => $"{count} API(s) added.";

    protected override string RemovedMessage() => "API removed from the group.";

    private Task RemoveApiAsync(int apiId) => RemoveMemberAsync(() => ViewModel.RemoveApiAsync(apiId, CurrentUser.Actor, PageToken));
}
