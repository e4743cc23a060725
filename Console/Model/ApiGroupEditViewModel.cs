using ApiManager.Gateway.Common;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API group: loads the form and the levels, saves through <see cref="ApiGroupService"/>, keeps field errors.</summary>
internal sealed class ApiGroupEditViewModel(ApiGroupService groups, SecurityLevelService levels) : EditViewModel<ApiGroup, ApiGroupForm>
{
    public IReadOnlyList<SecurityLevel> Levels { get; private set; } = [];

    protected override IReadOnlyList<string> FormFields { get; } =
        ["name", "alias", "description", "securityLevelId", "allowedDays", "allowedStartTime", "allowedEndTime", "timeZoneId"];

    protected override async Task LoadChoicesAsync(CancellationToken cancellationToken) => Levels = await levels.ListAllAsync(cancellationToken);

    /// <summary>A new group starts at the default level.</summary>
    protected override Task<ApiGroupForm> NewFormAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ApiGroupForm { SecurityLevelId = Levels.FirstOrDefault(l => l.IsDefault)?.Id });

    protected override Task<ApiGroup?> FindAsync(int id, CancellationToken cancellationToken) => groups.FindAsync(id, cancellationToken);

    protected override ApiGroupForm ToForm(ApiGroup entity) => ApiGroupForm.From(entity);

    protected override int EntityId(ApiGroup entity) => entity.Id;

    /// <summary>Times the form cannot read are field errors before the service is asked.</summary>
    protected override Task<ApiGroup> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken)
    {
        var timeErrors = new Dictionary<string, string[]>();
        var input = Form.ToInput(timeErrors);
        if (timeErrors.Count > 0)
        {
            throw new ServiceValidationException(timeErrors);
        }

        return id is { } existing ? groups.UpdateAsync(existing, input, actor, cancellationToken) : groups.CreateAsync(input, actor, cancellationToken);
    }
}
