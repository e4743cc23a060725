using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit a backend: loads the form, saves through <see cref="BackendService"/>, keeps field errors.</summary>
internal sealed class BackendEditViewModel(BackendService backends)
{
    /// <summary>Fields the form shows errors next to.</summary>
    public static IReadOnlyList<string> FormFields { get; } =
        ["name", "protocol", "host", "port", "basePath", "retries", "connectTimeoutMs", "readTimeoutMs", "writeTimeoutMs", "description"];

    public int? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool NotFound { get; private set; }

    public BackendForm Form { get; private set; } = new();

    public FieldErrors Errors { get; } = new();

    /// <summary>A conflict (changed by someone else) or another failure, shown as an alert.</summary>
    public string? Alert { get; private set; }

    public bool IsSaving { get; private set; }

    public IReadOnlyList<string> OtherErrors => Errors.Others(FormFields);

    /// <summary>Starts a new form (<paramref name="id"/> null) or loads the backend to edit.</summary>
    public async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Errors.Clear();
        Alert = null;
        NotFound = false;
        if (id is not { } existing)
        {
            Form = new BackendForm();
            return;
        }

        var backend = await backends.FindAsync(existing, cancellationToken);
        if (backend is null)
        {
            NotFound = true;
            return;
        }

        Form = BackendForm.From(backend);
    }

    /// <summary>Saves; returns the saved backend, or null with <see cref="Errors"/> / <see cref="Alert"/> set.</summary>
    public async Task<Backend?> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Alert = null;
        IsSaving = true;
        try
        {
            var saved = Id is { } id
                ? await backends.UpdateAsync(id, Form.ToInput(), actor, cancellationToken)
                : await backends.CreateAsync(Form.ToInput(), actor, cancellationToken);
            Id = saved.Id;
            Form = BackendForm.From(saved);
            return saved;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
        }
        catch (EntityConflictException ex)
        {
            Alert = ex.Message;
        }
        catch (EntityNotFoundException ex)
        {
            Alert = ex.Message;
        }
        finally
        {
            IsSaving = false;
        }

        return null;
    }
}
