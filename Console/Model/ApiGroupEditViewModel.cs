using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API group: loads the form and the levels, saves through <see cref="ApiGroupService"/>, keeps field errors.</summary>
internal sealed class ApiGroupEditViewModel(ApiGroupService groups, SecurityLevelService levels)
{
    /// <summary>Fields the form shows errors next to.</summary>
    public static IReadOnlyList<string> FormFields { get; } =
        ["name", "alias", "description", "securityLevelId", "allowedDays", "allowedStartTime", "allowedEndTime", "timeZoneId"];

    public int? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool NotFound { get; private set; }

    public ApiGroupForm Form { get; private set; } = new();

    public IReadOnlyList<SecurityLevel> Levels { get; private set; } = [];

    public FieldErrors Errors { get; } = new();

    /// <summary>A conflict (changed by someone else) or another failure, shown as an alert.</summary>
    public string? Alert { get; private set; }

    public bool IsSaving { get; private set; }

    public IReadOnlyList<string> OtherErrors => Errors.Others(FormFields);

    /// <summary>Starts a new form (<paramref name="id"/> null, at the default level) or loads the group to edit.</summary>
    public async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Errors.Clear();
        Alert = null;
        NotFound = false;
        Levels = await levels.ListAllAsync(cancellationToken);
        if (id is not { } existing)
        {
            Form = new ApiGroupForm { SecurityLevelId = Levels.FirstOrDefault(l => l.IsDefault)?.Id };
            return;
        }

        var group = await groups.FindAsync(existing, cancellationToken);
        if (group is null)
        {
            NotFound = true;
            return;
        }

        Form = ApiGroupForm.From(group);
    }

    /// <summary>Saves; returns the saved group, or null with <see cref="Errors"/> / <see cref="Alert"/> set.</summary>
    public async Task<ApiGroup?> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Alert = null;
        var timeErrors = new Dictionary<string, string[]>();
        var input = Form.ToInput(timeErrors);
        if (timeErrors.Count > 0)
        {
            Errors.Set(timeErrors);
            return null;
        }

        IsSaving = true;
        try
        {
            var saved = Id is { } id
                ? await groups.UpdateAsync(id, input, actor, cancellationToken)
                : await groups.CreateAsync(input, actor, cancellationToken);
            Id = saved.Id;
            Form = ApiGroupForm.From(saved);
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
