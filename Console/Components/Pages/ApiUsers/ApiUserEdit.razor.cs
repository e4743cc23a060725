using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.ApiUsers;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.ApiUsers;

/// <summary>Create (<c>/api-users/new</c>, with the first password) or edit an API user; service field errors appear next to the fields.</summary>
public sealed partial class ApiUserEdit : EditPage<ApiUser>
{
    [Inject]
    internal ApiUserEditViewModel ViewModel { get; init; } = default!;

    private protected override IEditViewModel<ApiUser> Model => ViewModel;

    protected override string SavedMessage(ApiUser saved) => $"API user '{saved.UserName}' saved.";

    protected override string DetailsPath(ApiUser saved) => $"/api-users/{saved.Id}";
}
