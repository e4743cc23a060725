using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API: loads the form and the backend choices, saves through <see cref="ApiService"/>.</summary>
internal sealed class ApiEditViewModel(ApiService apis, BackendService backends) : EditViewModel<ApiDefinition, ApiForm>
{
    public IReadOnlyList<Backend> Backends { get; private set; } = [];

    protected override IReadOnlyList<string> FormFields { get; } =
        ["name", "version", "displayName", "tags", "path", "stripPath", "methods", "backendId", "status", "isPublic", "description"];

    protected override async Task LoadChoicesAsync(CancellationToken cancellationToken) => Backends = await backends.ListAllAsync(cancellationToken);

    /// <summary>A new API starts on the only backend when there is just one.</summary>
    protected override Task<ApiForm> NewFormAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ApiForm { BackendId = Backends.Count == 1 ? Backends[0].Id : 0 });

    protected override Task<ApiDefinition?> FindAsync(int id, CancellationToken cancellationToken) => apis.FindAsync(id, cancellationToken);

    protected override ApiForm ToForm(ApiDefinition entity) => ApiForm.From(entity);

    protected override int EntityId(ApiDefinition entity) => entity.Id;

    protected override Task<ApiDefinition> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken) =>
        id is { } existing ? apis.UpdateAsync(existing, Form.ToInput(), actor, cancellationToken) : apis.CreateAsync(Form.ToInput(), actor, cancellationToken);
}
