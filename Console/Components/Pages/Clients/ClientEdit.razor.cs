using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Clients;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>Create (<c>/clients/new</c>, with password) or edit an API client; service field errors appear next to the fields.</summary>
public sealed partial class ClientEdit : EditPage<ApiClient>
{
    [Inject]
    internal ClientEditViewModel ViewModel { get; init; } = default!;

    private protected override IEditViewModel<ApiClient> Model => ViewModel;

    protected override string SavedMessage(ApiClient saved) => $"API client '{saved.ClientId}' saved.";

    protected override string DetailsPath(ApiClient saved) => $"/clients/{saved.Id}";

    private static Task<IEnumerable<string>> SearchTimeZonesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(ClientEditViewModel.SearchTimeZones(text));
}
