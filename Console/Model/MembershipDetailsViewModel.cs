using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>
/// What the group and scope details pages share: the item with its members, a searchable picker of members to add,
/// removing one member, and a delete that says whether holders' memberships blocked it (the page then offers to
/// remove them). Subclasses say which service calls do each step.
/// </summary>
/// <typeparam name="TItem">The item shown (a group or a scope).</typeparam>
/// <typeparam name="TCandidate">What the picker offers as members (APIs or groups).</typeparam>
internal abstract class MembershipDetailsViewModel<TItem, TCandidate>
    where TItem : class
{
    /// <summary>Most candidates the picker lists for one search.</summary>
    public const int PickerPageSize = 50;

    public bool NotFound { get; private set; }

    /// <summary>Why the last delete or membership change was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>True when the last delete was refused only because holders' memberships block it.</summary>
    public bool DeleteBlockedByMemberships { get; private set; }

    /// <summary>Picker: the keyword and the matching candidates not yet members.</summary>
    public string? PickerSearch { get; set; }

    public IReadOnlyList<TCandidate> Candidates { get; private set; } = [];

    public HashSet<int> Picked { get; } = [];

    protected TItem? Item { get; private set; }

    /// <summary>The message when nothing is picked (e.g. "Choose at least one API.").</summary>
    protected abstract string NothingPickedMessage { get; }

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Item = await FindAsync(id, cancellationToken);
        NotFound = Item is null;
        await LoadHoldersAsync(Item is null ? null : id, cancellationToken);
    }

    /// <summary>Searches the candidates the picker offers (current members are left out).</summary>
    public async Task SearchCandidatesAsync(CancellationToken cancellationToken)
    {
        var page = await ListCandidatesAsync(new PageRequest(1, PickerPageSize, PickerSearch), cancellationToken);
        var members = Item is null ? [] : MemberIds(Item).ToHashSet();
        Candidates = [.. page.Where(c => !members.Contains(CandidateId(c)))];
        Picked.IntersectWith(Candidates.Select(CandidateId));
    }

    /// <summary>Adds the picked candidates; false (with <see cref="Error"/>) when refused.</summary>
    public async Task<bool> AddPickedAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Item is null || Picked.Count == 0)
        {
            Error = Item is null ? null : NothingPickedMessage;
            return false;
        }

        var id = ItemId(Item);
        try
        {
            await AddMembersAsync(id, [.. Picked], actor, cancellationToken);
            Picked.Clear();
            await LoadAsync(id, cancellationToken);
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

    /// <summary>Removes one member; false (with <see cref="Error"/>) when refused.</summary>
    protected async Task<bool> RemoveAsync(int memberId, Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Item is null)
        {
            return false;
        }

        var id = ItemId(Item);
        try
        {
            await RemoveMemberAsync(id, memberId, actor, cancellationToken);
            await LoadAsync(id, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }

    /// <summary>Deletes the item; false (with <see cref="Error"/>) when refused.</summary>
    public async Task<bool> DeleteAsync(bool removeMemberships, Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        DeleteBlockedByMemberships = false;
        if (Item is null)
        {
            return false;
        }

        var id = ItemId(Item);
        try
        {
            await DeleteItemAsync(id, removeMemberships, actor, cancellationToken);
            return true;
        }
        catch (EntityConflictException ex)
        {
            Error = ex.Message;
            DeleteBlockedByMemberships = await LoadHoldersAsync(id, cancellationToken) > 0;
            return false;
        }
        catch (EntityNotFoundException ex)
        {
            Error = ex.Message;
            return false;
        }
    }

    protected abstract Task<TItem?> FindAsync(int id, CancellationToken cancellationToken);

    protected abstract int ItemId(TItem item);

    protected abstract IEnumerable<int> MemberIds(TItem item);

    protected abstract int CandidateId(TCandidate candidate);

    /// <summary>Reads who holds the item (<paramref name="id"/> null: clears them) and returns how many memberships that is.</summary>
    protected abstract Task<int> LoadHoldersAsync(int? id, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<TCandidate>> ListCandidatesAsync(PageRequest request, CancellationToken cancellationToken);

    protected abstract Task AddMembersAsync(int id, IReadOnlyCollection<int> memberIds, Actor actor, CancellationToken cancellationToken);

    protected abstract Task RemoveMemberAsync(int id, int memberId, Actor actor, CancellationToken cancellationToken);

    protected abstract Task DeleteItemAsync(int id, bool removeMemberships, Actor actor, CancellationToken cancellationToken);
}
