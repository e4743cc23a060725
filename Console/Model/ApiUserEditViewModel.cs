using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API user: loads the form and the client choices, saves through <see cref="ApiUserService"/>, keeps field errors.</summary>
internal sealed class ApiUserEditViewModel(ApiUserService users) : EditViewModel<ApiUser, ApiUserForm>
{
    /// <summary>Client IDs the user may be restricted to (plus any already listed).</summary>
    public IReadOnlyList<string> ClientChoices { get; private set; } = [];

    protected override IReadOnlyList<string> FormFields { get; } = ["userName", "displayName", "email", "password", "confirmPassword", "allowedClients"];

    protected override async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        ClientChoices = await users.ListClientChoicesAsync(null, cancellationToken);

    protected override Task<ApiUser?> FindAsync(int id, CancellationToken cancellationToken) => users.FindAsync(id, cancellationToken);

    protected override ApiUserForm ToForm(ApiUser entity)
    {
        var form = ApiUserForm.From(entity);
        ClientChoices = [.. ClientChoices.Union(form.AllowedClients, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        return form;
    }

    protected override int EntityId(ApiUser entity) => entity.Id;

    protected override Task<ApiUser> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken) =>
        id is { } existing ? users.UpdateAsync(existing, Form.ToInput(), actor, cancellationToken) : users.CreateAsync(Form.ToInput(), actor, cancellationToken);
}
