using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Controls;

/// <summary>
/// Base of the create / edit pages (<c>/x/new</c> and <c>/x/{id}/edit</c>): loads the view model for <see cref="Id"/>,
/// and after a successful save says so and opens the details page. Field errors stay on the form.
/// </summary>
/// <typeparam name="TEntity">The entity the page saves.</typeparam>
public abstract class EditPage<TEntity> : ConsolePageBase
    where TEntity : class
{
    [Parameter]
    public int? Id { get; set; }

    /// <summary>True once the form (new or existing) is loaded.</summary>
    protected bool Loaded { get; private set; }

    private protected abstract IEditViewModel<TEntity> Model { get; }

    /// <summary>The snackbar text after a save.</summary>
    protected abstract string SavedMessage(TEntity saved);

    /// <summary>Where the page goes after a save.</summary>
    protected abstract string DetailsPath(TEntity saved);

    protected override async Task OnParametersSetAsync()
    {
        await Model.LoadAsync(Id, PageToken);
        Loaded = true;
    }

    protected async Task SaveAsync()
    {
        var saved = await Model.SaveAsync(CurrentUser.Actor, PageToken);
        if (saved is not null)
        {
            Snackbar.Add(SavedMessage(saved), Severity.Success);
            Navigation.NavigateTo(DetailsPath(saved));
        }
    }
}
