using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>
/// What every create / edit view model shares: loads a new or existing form, saves it through the feature service, and
/// keeps the service's field errors (<see cref="Errors"/>) or its conflict / not-found message (<see cref="Alert"/>).
/// </summary>
/// <typeparam name="TEntity">The saved entity.</typeparam>
/// <typeparam name="TForm">The form's editable state.</typeparam>
internal abstract class EditViewModel<TEntity, TForm> : IEditViewModel<TEntity>
    where TEntity : class
    where TForm : new()
{
    public int? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool NotFound { get; private set; }

    public TForm Form { get; private set; } = new();

    public FieldErrors Errors { get; } = new();

    /// <summary>A conflict (changed by someone else) or another failure, shown as an alert.</summary>
    public string? Alert { get; private set; }

    public bool IsSaving { get; private set; }

    /// <summary>Messages of fields the form does not show next to an input.</summary>
    public virtual IReadOnlyList<string> OtherErrors => Errors.Others(FormFields);

    /// <summary>Fields the form shows errors next to.</summary>
    protected abstract IReadOnlyList<string> FormFields { get; }

    /// <summary>Starts a new form (<paramref name="id"/> null) or loads the entity to edit.</summary>
    public async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Errors.Clear();
        Alert = null;
        NotFound = false;
        await LoadChoicesAsync(cancellationToken);
        if (id is not { } existing)
        {
            Form = await NewFormAsync(cancellationToken);
            return;
        }

        var entity = await FindAsync(existing, cancellationToken);
        if (entity is null)
        {
            NotFound = true;
            return;
        }

        Form = ToForm(entity);
    }

    /// <summary>Saves; returns the saved entity, or null with <see cref="Errors"/> / <see cref="Alert"/> set.</summary>
    public async Task<TEntity?> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Alert = null;
        IsSaving = true;
        try
        {
            var saved = await SaveFormAsync(Id, actor, cancellationToken);
            Id = EntityId(saved);
            Form = ToForm(saved);
            return saved;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Alert = ex.Message;
        }
        finally
        {
            IsSaving = false;
        }

        return null;
    }

    /// <summary>Loads what the form's selects offer (before the form itself).</summary>
    protected virtual Task LoadChoicesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The form of a new entity.</summary>
    protected virtual Task<TForm> NewFormAsync(CancellationToken cancellationToken) => Task.FromResult(new TForm());

    protected abstract Task<TEntity?> FindAsync(int id, CancellationToken cancellationToken);

    protected abstract TForm ToForm(TEntity entity);

    protected abstract int EntityId(TEntity entity);

    /// <summary>Creates (<paramref name="id"/> null) or updates from <see cref="Form"/>; throws the service's exceptions.</summary>
    protected abstract Task<TEntity> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken);
}
