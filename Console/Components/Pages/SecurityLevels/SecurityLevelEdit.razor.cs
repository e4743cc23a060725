using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.SecurityLevels;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.SecurityLevels;

/// <summary>Create (<c>/security-levels/new</c>) or edit a security level; service field errors appear next to the fields.</summary>
public sealed partial class SecurityLevelEdit : EditPage<SecurityLevel>
{
    [Inject]
    internal SecurityLevelEditViewModel ViewModel { get; init; } = default!;

    private protected override IEditViewModel<SecurityLevel> Model => ViewModel;

    protected override string SavedMessage(SecurityLevel saved) => $"Security level '{saved.Code}' saved.";

    protected override string DetailsPath(SecurityLevel saved) => $"/security-levels/{saved.Id}";
}
