using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Plugins;

/// <summary>Lists the plugins at one scope target (or all of them) and adds, edits, enables/disables and deletes them through <see cref="PluginService"/>.</summary>
public sealed partial class PluginsPanel : ConsolePageBase
{
    private IReadOnlyList<PluginView>? _plugins;
    private string _scopeFilter = "";
    private string? _error;

    /// <summary>The scope shown and where new plugins are added.</summary>
    [Parameter]
    public PluginScope Scope { get; set; } = PluginScope.Global;

    /// <summary>The backend, API or client id for those scopes.</summary>
    [Parameter]
    public int? TargetId { get; set; }

    /// <summary>Lists every plugin of every scope (with a scope filter); new plugins are global.</summary>
    [Parameter]
    public bool ShowAll { get; set; }

    [Inject]
    internal PluginService Plugins { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            var query = ShowAll
                ? new PluginQuery(_scopeFilter.Length == 0 ? null : _scopeFilter)
                : new PluginQuery(PluginScopeNames.Name(Scope), Scope == PluginScope.Global ? null : TargetId);
            _plugins = await Plugins.ListAsync(query, PageToken);
            _error = null;
        }
        catch (ServiceValidationException e)
        {
            _plugins = [];
            _error = string.Join(" ", e.Errors.Values.SelectMany(m => m));
        }
    }

    private async Task AddAsync()
    {
        var present = await Plugins.ListAsync(new PluginQuery(PluginScopeNames.Name(Scope), Scope == PluginScope.Global ? null : TargetId), PageToken);
        var types = Plugins.ListTypes()
            .Where(t => t.Allows(Scope) && present.All(p => p.Type != t.Type))
            .Select(t => new PluginDialogType(t.Name, PluginText.ForEditor(t.DefaultConfiguration, t.SecretField), t.SecretField))
            .ToList();
        var parameters = new DialogParameters<PluginDialog>
        {
            { d => d.Types, types },
            { d => d.Save, (type, enabled, configuration) => SaveAsync(null, type, Scope, Scope == PluginScope.Global ? null : TargetId, enabled, configuration) },
        };
        await ShowDialogAsync("Add plugin", parameters);
    }

    private async Task EditAsync(PluginView plugin)
    {
        var type = Plugins.FindType(plugin.TypeName);
        var parameters = new DialogParameters<PluginDialog>
        {
            { d => d.Types, [new PluginDialogType(plugin.TypeName, PluginText.ForEditor(type?.DefaultConfiguration, type?.SecretField), type?.SecretField)] },
            { d => d.EditingType, plugin.TypeName },
            { d => d.Enabled, plugin.Enabled },
            { d => d.Configuration, PluginText.ForEditor(plugin.Configuration, type?.SecretField) },
            { d => d.HasSecret, plugin.HasSecret },
            { d => d.Save, (typeName, enabled, configuration) => SaveAsync(plugin, typeName, plugin.Scope, plugin.TargetId, enabled, configuration) },
        };
        await ShowDialogAsync("Edit plugin", parameters);
    }

    private async Task ShowDialogAsync(string title, DialogParameters<PluginDialog> parameters)
    {
        var dialog = await DialogService.ShowAsync<PluginDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task<IReadOnlyDictionary<string, string[]>> SaveAsync(PluginView? existing, string type, PluginScope scope, int? targetId, bool enabled, string configuration)
    {
        var input = new PluginInput
        {
            Type = type,
            Scope = PluginScopeNames.Name(scope),
            TargetId = targetId,
            Enabled = enabled,
            Configuration = configuration,
            ConcurrencyStamp = existing?.ConcurrencyStamp,
        };
        try
        {
            var saved = existing is null
                ? await Plugins.CreateAsync(input, CurrentUser.Actor, PageToken)
                : await Plugins.UpdateAsync(existing.Id, input, CurrentUser.Actor, PageToken);
            Snackbar.Add($"Plugin {saved.TypeName} saved.", Severity.Success);
            return new Dictionary<string, string[]>();
        }
        catch (ServiceValidationException e)
        {
            return e.Errors;
        }
        catch (Exception e) when (e is EntityConflictException or EntityNotFoundException)
        {
            return new Dictionary<string, string[]> { [""] = [e.Message] };
        }
    }

    private async Task SetEnabledAsync(PluginView plugin, bool enabled)
    {
        try
        {
            await Plugins.SetEnabledAsync(plugin.Id, enabled, plugin.ConcurrencyStamp, CurrentUser.Actor, PageToken);
            Snackbar.Add($"Plugin {plugin.TypeName} {(enabled ? "enabled" : "disabled")}.", Severity.Success);
        }
        catch (Exception e) when (e is EntityConflictException or EntityNotFoundException)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }

        await LoadAsync();
    }

    private async Task DeleteAsync(PluginView plugin)
    {
        if (!await ConfirmDeleteAsync($"Delete plugin {plugin.TypeName}"))
        {
            return;
        }

        try
        {
            await Plugins.DeleteAsync(plugin.Id, CurrentUser.Actor, PageToken);
            Snackbar.Add($"Plugin {plugin.TypeName} deleted.", Severity.Success);
        }
        catch (EntityNotFoundException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }

        await LoadAsync();
    }
}
