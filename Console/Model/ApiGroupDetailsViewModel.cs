using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Model;

/// <summary>
/// Read-only view of an API group with its APIs and holders; adds APIs through a searchable picker, removes them, and
/// deletes the group (optionally removing the memberships that block it).
/// </summary>
internal sealed class ApiGroupDetailsViewModel(ApiGroupService groups, ApiService apis) : MembershipDetailsViewModel<ApiGroup, ApiDefinition>
{
    public ApiGroup? Group => Item;

    /// <summary>Clients and scopes holding the group.</summary>
    public ApiGroupUsage Usage { get; private set; } = new([], []);

    protected override string NothingPickedMessage => "Choose at least one API.";

    /// <summary>Removes one API from the group.</summary>
    public Task<bool> RemoveApiAsync(int apiId, Actor actor, CancellationToken cancellationToken) => RemoveAsync(apiId, actor, cancellationToken);

    protected override Task<ApiGroup?> FindAsync(int id, CancellationToken cancellationToken) => groups.FindAsync(id, cancellationToken);

    protected override int ItemId(ApiGroup item) => item.Id;

    protected override IEnumerable<int> MemberIds(ApiGroup item) => item.Apis.Select(m => m.ApiDefinitionId);

    protected override int CandidateId(ApiDefinition candidate) => candidate.Id;

    protected override async Task<int> LoadHoldersAsync(int? id, CancellationToken cancellationToken)
    {
        Usage = id is { } groupId ? await groups.FindUsageAsync(groupId, cancellationToken) : new ApiGroupUsage([], []);
        return Usage.Count;
    }

    protected override async Task<IReadOnlyList<ApiDefinition>> ListCandidatesAsync(PageRequest request, CancellationToken cancellationToken) =>
        (await apis.ListAsync(request, cancellationToken)).Items;

    protected override Task AddMembersAsync(int id, IReadOnlyCollection<int> memberIds, Actor actor, CancellationToken cancellationToken) =>
        groups.AddApisAsync(id, memberIds, actor, cancellationToken);

    protected override Task RemoveMemberAsync(int id, int memberId, Actor actor, CancellationToken cancellationToken) =>
        groups.RemoveApiAsync(id, memberId, actor, cancellationToken);

    protected override Task DeleteItemAsync(int id, bool removeMemberships, Actor actor, CancellationToken cancellationToken) =>
        groups.DeleteAsync(id, actor, cancellationToken, removeMemberships);
}
