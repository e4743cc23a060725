using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;

namespace ApiManager.Admin.Model;

/// <summary>
/// Read-only view of an API scope with its groups and the clients holding it; adds groups through a searchable picker,
/// removes them, and deletes the scope (optionally removing the client assignments that block it).
/// </summary>
internal sealed class ApiScopeDetailsViewModel(ApiScopeService scopes, ApiGroupService groups) : MembershipDetailsViewModel<ApiScope, ApiGroup>
{
    public ApiScope? Scope => Item;

    /// <summary>Client ids of the clients holding the scope.</summary>
    public IReadOnlyList<string> Clients { get; private set; } = [];

    protected override string NothingPickedMessage => "Choose at least one API group.";

    public Task<bool> RemoveGroupAsync(int groupId, Actor actor, CancellationToken cancellationToken) => RemoveAsync(groupId, actor, cancellationToken);

    protected override Task<ApiScope?> FindAsync(int id, CancellationToken cancellationToken) => scopes.FindAsync(id, cancellationToken);

    protected override int ItemId(ApiScope item) => item.Id;

    protected override IEnumerable<int> MemberIds(ApiScope item) => item.Groups.Select(m => m.ApiGroupId);

    protected override int CandidateId(ApiGroup candidate) => candidate.Id;

    protected override async Task<int> LoadHoldersAsync(int? id, CancellationToken cancellationToken)
    {
        Clients = id is { } scopeId ? await scopes.FindClientsAsync(scopeId, cancellationToken) : [];
        return Clients.Count;
    }

    protected override async Task<IReadOnlyList<ApiGroup>> ListCandidatesAsync(PageRequest request, CancellationToken cancellationToken) =>
        (await groups.ListAsync(request, cancellationToken)).Items;

    protected override Task AddMembersAsync(int id, IReadOnlyCollection<int> memberIds, Actor actor, CancellationToken cancellationToken) =>
        scopes.AddGroupsAsync(id, memberIds, actor, cancellationToken);

    protected override Task RemoveMemberAsync(int id, int memberId, Actor actor, CancellationToken cancellationToken) =>
        scopes.RemoveGroupAsync(id, memberId, actor, cancellationToken);

    protected override Task DeleteItemAsync(int id, bool removeMemberships, Actor actor, CancellationToken cancellationToken) =>
        scopes.DeleteAsync(id, actor, cancellationToken, removeMemberships);
}
