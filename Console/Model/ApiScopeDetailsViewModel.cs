using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;

namespace ApiManager.Admin.Model;

/// <summary>
/// Read-only view of an API scope with its groups and the clients holding it; adds groups through a searchable picker,
/// removes them, and deletes the scope (optionally removing the client assignments that block it).
/// </summary>
internal sealed class ApiScopeDetailsViewModel(ApiScopeService scopes, ApiGroupService groups)
{
    public ApiScope? Scope { get; private set; }

    public IReadOnlyList<string> Clients { get; private set; } = [];

    public bool NotFound { get; private set; }

    public string? Error { get; private set; }

    /// <summary>True when the last delete was refused only because clients hold the scope.</summary>
    public bool DeleteBlockedByMemberships { get; private set; }

    public string? PickerSearch { get; set; }

    public IReadOnlyList<ApiGroup> Candidates { get; private set; } = [];

    public HashSet<int> Picked { get; } = [];

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Scope = await scopes.FindAsync(id, cancellationToken);
        NotFound = Scope is null;
        Clients = Scope is null ? [] : await scopes.FindClientsAsync(id, cancellationToken);
    }

    /// <summary>Searches the groups the picker offers (those already in the scope are left out).</summary>
    public async Task SearchCandidatesAsync(CancellationToken cancellationToken)
    {
        var page = await groups.ListAsync(new PageRequest(1, 50, PickerSearch), cancellationToken);
        var inScope = Scope?.Groups.Select(m => m.ApiGroupId).ToHashSet() ?? [];
        Candidates = [.. page.Items.Where(g => !inScope.Contains(g.Id))];
        Picked.IntersectWith(Candidates.Select(g => g.Id));
    }

    public async Task<bool> AddPickedAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Scope is null || Picked.Count == 0)
        {
            Error = Scope is null ? null : "Choose at least one API group.";
            return false;
        }

        try
        {
            await scopes.AddGroupsAsync(Scope.Id, [.. Picked], actor, cancellationToken);
            Picked.Clear();
            await LoadAsync(Scope.Id, cancellationToken);
            await SearchCandidatesAsync(cancellationToken);
            return true;
        }
        catch (ServiceValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
        }

        return false;
    }

    public async Task<bool> RemoveGroupAsync(int groupId, Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Scope is null)
        {
            return false;
        }

        try
        {
            await scopes.RemoveGroupAsync(Scope.Id, groupId, actor, cancellationToken);
            await LoadAsync(Scope.Id, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }

    /// <summary>Deletes the scope; false (with <see cref="Error"/>) when refused.</summary>
    public async Task<bool> DeleteAsync(bool removeMemberships, Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        DeleteBlockedByMemberships = false;
        if (Scope is null)
        {
            return false;
        }

        try
        {
            await scopes.DeleteAsync(Scope.Id, actor, cancellationToken, removeMemberships);
            return true;
        }
        catch (EntityConflictException ex)
        {
            Error = ex.Message;
            Clients = await scopes.FindClientsAsync(Scope.Id, cancellationToken);
            DeleteBlockedByMemberships = Clients.Count > 0;
            return false;
        }
        catch (EntityNotFoundException ex)
        {
            Error = ex.Message;
            return false;
        }
    }
}
