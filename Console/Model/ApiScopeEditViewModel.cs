using ApiManager.Gateway.Common;
using ApiManager.Gateway.Scopes;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API scope: loads the form, saves through <see cref="ApiScopeService"/>, keeps field errors.</summary>
internal sealed class ApiScopeEditViewModel(ApiScopeService scopes) : EditViewModel<ApiScope, ApiScopeForm>
{
    protected override IReadOnlyList<string> FormFields { get; } = ["name", "description"];

    protected override Task<ApiScope?> FindAsync(int id, CancellationToken cancellationToken) => scopes.FindAsync(id, cancellationToken);

    protected override ApiScopeForm ToForm(ApiScope entity) => ApiScopeForm.From(entity);

    protected override int EntityId(ApiScope entity) => entity.Id;

    protected override Task<ApiScope> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken) =>
        id is { } existing ? scopes.UpdateAsync(existing, Form.ToInput(), actor, cancellationToken) : scopes.CreateAsync(Form.ToInput(), actor, cancellationToken);
}
