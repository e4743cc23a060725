using ApiManager.Gateway.Common;
using ApiManager.Gateway.Scopes;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API scope: loads the form, saves through <see cref="ApiScopeService"/>, keeps field errors.</summary>
internal sealed class ApiScopeEditViewModel(ApiScopeService scopes)
{
    /// <summary>Fields the form shows errors next to.</summary>
    public static IReadOnlyList<string> FormFields { get; } = ["name", "description"];

    public int? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool NotFound { get; private set; }

    public ApiScopeForm Form { get; private set; } = new();

    public FieldErrors Errors { get; } = new();

    public string? Alert { get; private set; }

    public bool IsSaving { get; private set; }

    public IReadOnlyList<string> OtherErrors => Errors.Others(FormFields);

    public async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Errors.Clear();
        Alert = null;
        NotFound = false;
        if (id is not { } existing)
        {
            Form = new ApiScopeForm();
            return;
        }

        var scope = await scopes.FindAsync(existing, cancellationToken);
        if (scope is null)
        {
            NotFound = true;
            return;
        }

        Form = ApiScopeForm.From(scope);
    }

    /// <summary>Saves; returns the saved scope, or null with <see cref="Errors"/> / <see cref="Alert"/> set.</summary>
    public async Task<ApiScope?> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Alert = null;
        IsSaving = true;
        try
        {
            var saved = Id is { } id
                ? await scopes.UpdateAsync(id, Form.ToInput(), actor, cancellationToken)
                : await scopes.CreateAsync(Form.ToInput(), actor, cancellationToken);
            Id = saved.Id;
            Form = ApiScopeForm.From(saved);
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
}
