using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit a security level: loads the form, saves through <see cref="SecurityLevelService"/>, keeps field errors.</summary>
internal sealed class SecurityLevelEditViewModel(SecurityLevelService levels)
{
    /// <summary>Fields the form shows errors next to.</summary>
    public static IReadOnlyList<string> FormFields { get; } = ["code", "name", "rank", "description"];

    public int? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool NotFound { get; private set; }

    public SecurityLevelForm Form { get; private set; } = new();

    public FieldErrors Errors { get; } = new();

    public string? Alert { get; private set; }

    public bool IsSaving { get; private set; }

    public IReadOnlyList<string> OtherErrors => Errors.Others(FormFields);

    /// <summary>Starts a new form (rank after the lowest level) or loads the level to edit.</summary>
    public async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Errors.Clear();
        Alert = null;
        NotFound = false;
        if (id is not { } existing)
        {
            var all = await levels.ListAllAsync(cancellationToken);
            Form = new SecurityLevelForm { Rank = all.Count == 0 ? 1 : all.Max(l => l.Rank) + 1 };
            return;
        }

        var level = await levels.FindAsync(existing, cancellationToken);
        if (level is null)
        {
            NotFound = true;
            return;
        }

        Form = SecurityLevelForm.From(level);
    }

    public async Task<SecurityLevel?> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Alert = null;
        IsSaving = true;
        try
        {
            var saved = Id is { } id
                ? await levels.UpdateAsync(id, Form.ToInput(), actor, cancellationToken)
                : await levels.CreateAsync(Form.ToInput(), actor, cancellationToken);
            Id = saved.Id;
            Form = SecurityLevelForm.From(saved);
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
