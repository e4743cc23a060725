using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;

namespace ApiManager.Admin.Model;

/// <summary>
/// Read-only view of an API group with its APIs and holders; adds APIs through a searchable picker, removes them, and
/// deletes the group (optionally removing the memberships that block it).
/// </summary>
internal sealed class ApiGroupDetailsViewModel(ApiGroupService groups, ApiService apis)
{
    public ApiGroup? Group { get; private set; }

    public ApiGroupUsage Usage { get; private set; } = new([], []);

    public bool NotFound { get; private set; }

    /// <summary>Why the last delete or membership change was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>True when the last delete was refused only because clients or scopes hold the group.</summary>
    public bool DeleteBlockedByMemberships { get; private set; }

    /// <summary>Picker: the keyword and the matching APIs not yet in the group.</summary>
    public string? PickerSearch { get; set; }

    public IReadOnlyList<ApiDefinition> Candidates { get; private set; } = [];

    public HashSet<int> Picked { get; } = [];

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Group = await groups.FindAsync(id, cancellationToken);
        NotFound = Group is null;
        Usage = Group is null ? new ApiGroupUsage([], []) : await groups.FindUsageAsync(id, cancellationToken);
    }

    /// <summary>Searches the APIs the picker offers (those already in the group are left out).</summary>
    public async Task SearchCandidatesAsync(CancellationToken cancellationToken)
    {
        var page = await apis.ListAsync(new PageRequest(1, 50, PickerSearch), cancellationToken);
        var inGroup = Group?.Apis.Select(m => m.ApiDefinitionId).ToHashSet() ?? [];
        Candidates = [.. page.Items.Where(a => !inGroup.Contains(a.Id))];
        Picked.IntersectWith(Candidates.Select(a => a.Id));
    }

    /// <summary>Adds the picked APIs; false (with <see cref="Error"/>) when refused.</summary>
    public async Task<bool> AddPickedAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Group is null || Picked.Count == 0)
        {
            Error = Group is null ? null : "Choose at least one API.";
            return false;
        }

        try
        {
            await groups.AddApisAsync(Group.Id, [.. Picked], actor, cancellationToken);
            Picked.Clear();
            await LoadAsync(Group.Id, cancellationToken);
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

    /// <summary>Removes one API from the group.</summary>
    public async Task<bool> RemoveApiAsync(int apiId, Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Group is null)
        {
            return false;
        }

        try
        {
            await groups.RemoveApiAsync(Group.Id, apiId, actor, cancellationToken);
            await LoadAsync(Group.Id, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }

    /// <summary>Deletes the group; false (with <see cref="Error"/>) when refused.</summary>
    public async Task<bool> DeleteAsync(bool removeMemberships, Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        DeleteBlockedByMemberships = false;
        if (Group is null)
        {
            return false;
        }

        try
        {
            await groups.DeleteAsync(Group.Id, actor, cancellationToken, removeMemberships);
            return true;
        }
        catch (EntityConflictException ex)
        {
            Error = ex.Message;
            Usage = await groups.FindUsageAsync(Group.Id, cancellationToken);
            DeleteBlockedByMemberships = Usage.Count > 0;
            return false;
        }
        catch (EntityNotFoundException ex)
        {
            Error = ex.Message;
            return false;
        }
    }
}
