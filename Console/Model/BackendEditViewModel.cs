using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit a backend: loads the form, saves through <see cref="BackendService"/>, keeps field errors.</summary>
internal sealed class BackendEditViewModel(BackendService backends) : EditViewModel<Backend, BackendForm>
{
    protected override IReadOnlyList<string> FormFields { get; } =
        ["name", "protocol", "host", "port", "basePath", "retries", "connectTimeoutMs", "readTimeoutMs", "writeTimeoutMs", "description"];

    protected override Task<Backend?> FindAsync(int id, CancellationToken cancellationToken) => backends.FindAsync(id, cancellationToken);

    protected override BackendForm ToForm(Backend entity) => BackendForm.From(entity);

    protected override int EntityId(Backend entity) => entity.Id;

    protected override Task<Backend> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken) =>
        id is { } existing ? backends.UpdateAsync(existing, Form.ToInput(), actor, cancellationToken) : backends.CreateAsync(Form.ToInput(), actor, cancellationToken);
}
