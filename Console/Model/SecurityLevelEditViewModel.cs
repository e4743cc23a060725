using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit a security level: loads the form, saves through <see cref="SecurityLevelService"/>, keeps field errors.</summary>
internal sealed class SecurityLevelEditViewModel(SecurityLevelService levels) : EditViewModel<SecurityLevel, SecurityLevelForm>
{
    protected override IReadOnlyList<string> FormFields { get; } = ["code", "name", "rank", "description"];

    /// <summary>A new level ranks after the lowest one.</summary>
    protected override async Task<SecurityLevelForm> NewFormAsync(CancellationToken cancellationToken)
    {
        var all = await levels.ListAllAsync(cancellationToken);
        return new SecurityLevelForm { Rank = all.Count == 0 ? 1 : all.Max(l => l.Rank) + 1 };
    }

    protected override Task<SecurityLevel?> FindAsync(int id, CancellationToken cancellationToken) => levels.FindAsync(id, cancellationToken);

    protected override SecurityLevelForm ToForm(SecurityLevel entity) => SecurityLevelForm.From(entity);

    protected override int EntityId(SecurityLevel entity) => entity.Id;

    protected override Task<SecurityLevel> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken) =>
        id is { } existing ? levels.UpdateAsync(existing, Form.ToInput(), actor, cancellationToken) : levels.CreateAsync(Form.ToInput(), actor, cancellationToken);
}
