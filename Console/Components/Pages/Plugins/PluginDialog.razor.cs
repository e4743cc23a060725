using ApiManager.Admin.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Plugins;

/// <summary>The add/edit dialog of <see cref="PluginsPanel"/>; it only collects input, saving is the caller's <see cref="Save"/>.</summary>
public sealed partial class PluginDialog
{
    private readonly FieldErrors _errors = new();
    private IReadOnlyDictionary<string, string[]> _raw = new Dictionary<string, string[]>();
    private string? _type;
    private bool _enabled = true;
    private string? _configuration;
    private string? _secret;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    /// <summary>The types to choose from (when editing: the plugin's own type).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<PluginDialogType> Types { get; set; } = [];

    /// <summary>The type of the plugin being edited; null when adding.</summary>
    [Parameter]
    public string? EditingType { get; set; }

    [Parameter]
    public bool Enabled { get; set; } = true;

    /// <summary>The stored configuration when editing (editor text, without the secret).</summary>
    [Parameter]
    public string? Configuration { get; set; }

    /// <summary>True when the plugin being edited has a stored secret.</summary>
    [Parameter]
    public bool HasSecret { get; set; }

    /// <summary>Saves type, enabled flag and configuration JSON (with the typed secret); returns field errors (empty = saved).</summary>
    [Parameter, EditorRequired]
    public Func<string, bool, string, Task<IReadOnlyDictionary<string, string[]>>> Save { get; set; } = default!;

    private PluginDialogType? Selected => Types.FirstOrDefault(t => t.Name == _type);

    protected override void OnInitialized()
    {
        _enabled = Enabled;
        if (EditingType is not null)
        {
            _type = EditingType;
            _configuration = Configuration;
        }
        else if (Types.Count > 0)
        {
            TypeChanged(Types[0].Name);
        }
    }

    private void TypeChanged(string? type)
    {
        _type = type;
        _configuration = Selected?.DefaultConfiguration ?? "{}";
        _secret = null;
        _errors.Clear();
        _raw = new Dictionary<string, string[]>();
    }

    private string? TargetErrors()
    {
        var messages = new[] { _errors.Text("type"), _errors.Text("scope"), _errors.Text("targetId") }.OfType<string>().ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Each message of <c>config</c> and <c>config.x</c>, as "x: message".</summary>
    private List<string> ConfigErrors() =>
        [.. _raw.Where(e => IsConfigField(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal)
            .SelectMany(e => e.Value.Select(m => e.Key == "config" ? m : e.Key["config.".Length..] + ": " + m))];

    /// <summary>Messages of fields not shown at an input (a conflict comes under the empty key, shown as is).</summary>
    private List<string> OtherErrors() =>
        [.. _raw.Where(e => !IsConfigField(e.Key) && e.Key is not ("type" or "scope" or "targetId"))
            .SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : e.Key + ": " + m))];

    private static bool IsConfigField(string field) => field == "config" || field.StartsWith("config.", StringComparison.Ordinal);

    private async Task SaveAsync()
    {
        if (_type is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var errors = await Save(_type, _enabled, PluginText.WithSecret(_configuration, Selected?.SecretField, _secret));
            if (errors.Count == 0)
            {
                MudDialog.Close(DialogResult.Ok(true));
                return;
            }

            _errors.Set(errors);
            _raw = errors;
        }
        finally
        {
            _saving = false;
        }
    }
}
