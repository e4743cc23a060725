using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>
/// A read-only details page's state: the entity (or not found), and its actions, each of which reports a refusal
/// (in use, changed or deleted meanwhile) in <see cref="Error"/> instead of throwing.
/// </summary>
internal abstract class DetailsViewModel<TEntity>
    where TEntity : class
{
    public bool NotFound { get; private set; }

    /// <summary>Why the last action was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The entity shown, or null before loading or when not found.</summary>
    protected TEntity? Item { get; set; }

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Item = await FindAsync(id, cancellationToken);
        NotFound = Item is null;
        await OnLoadedAsync(id, Item, cancellationToken);
    }

    /// <summary>Deletes the entity; false (with <see cref="Error"/>) when refused.</summary>
    public Task<bool> DeleteAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(item => DeleteItemAsync(item, actor, cancellationToken));

    protected abstract Task<TEntity?> FindAsync(int id, CancellationToken cancellationToken);

    protected abstract Task DeleteItemAsync(TEntity item, Actor actor, CancellationToken cancellationToken);

    /// <summary>Loads what the page shows besides the entity (dependents, usage).</summary>
    protected virtual Task OnLoadedAsync(int id, TEntity? item, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs an action on the loaded entity; false (with <see cref="Error"/>) when nothing is loaded or it was refused.</summary>
    protected async Task<bool> RunAsync(Func<TEntity, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Error = null;
        if (Item is null)
        {
            return false;
        }

        try
        {
            await action(Item);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }
}
