using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API: loads the form and the backend choices, saves through <see cref="ApiService"/>.</summary>
internal sealed class ApiEditViewModel(ApiService apis, BackendService backends)
{
    /// <summary>Fields the form shows errors next to.</summary>
    public static IReadOnlyList<string> FormFields { get; } =
        ["name", "version", "displayName", "tags", "path", "stripPath", "methods", "backendId", "status", "isPublic", "description"];

    public int? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool NotFound { get; private set; }

    public ApiForm Form { get; private set; } = new();

    public IReadOnlyList<Backend> Backends { get; private set; } = [];

    public FieldErrors Errors { get; } = new();

    /// <summary>A conflict (changed by someone else) or another failure, shown as an alert.</summary>
    public string? Alert { get; private set; }

    public bool IsSaving { get; private set; }

    public IReadOnlyList<string> OtherErrors => Errors.Others(FormFields);

    /// <summary>Starts a new form (<paramref name="id"/> null) or loads the API to edit.</summary>
    public async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Errors.Clear();
        Alert = null;
        NotFound = false;
        Backends = await backends.ListAllAsync(cancellationToken);
        if (id is not { } existing)
        {
            Form = new ApiForm { BackendId = Backends.Count == 1 ? Backends[0].Id : 0 };
            return;
        }

        var api = await apis.FindAsync(existing, cancellationToken);
        if (api is null)
        {
            NotFound = true;
            return;
        }

        Form = ApiForm.From(api);
    }

    /// <summary>Saves; returns the saved API, or null with <see cref="Errors"/> / <see cref="Alert"/> set.</summary>
    public async Task<ApiDefinition?> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Alert = null;
        IsSaving = true;
        try
        {
            var saved = Id is { } id
                ? await apis.UpdateAsync(id, Form.ToInput(), actor, cancellationToken)
                : await apis.CreateAsync(Form.ToInput(), actor, cancellationToken);
            Id = saved.Id;
            Form = ApiForm.From(saved);
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
