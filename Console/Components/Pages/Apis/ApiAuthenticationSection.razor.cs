using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Shows and (for Administrators) edits an API's authentication settings.</summary>
public sealed partial class ApiAuthenticationSection : ConsolePageBase
{
    private ApiAuthenticationSettings? _settings;
    private ApiAuthenticationForm? _form;
    private readonly FieldErrors _errors = new();
    private bool _editing;
    private bool _saving;
    private string? _error;

    [Parameter]
    public int ApiId { get; set; }

    [Inject]
    internal ApiAuthenticationService Service { get; init; } = default!;

    protected override async Task OnParametersSetAsync() => _settings = await Service.GetAsync(ApiId, PageToken);

    internal static string AcceptedText(CredentialTypes accepted)
    {
        var names = ApiAuthenticationForm.Types.Where(t => (accepted & t.Type) != 0).Select(t => t.Label).ToList();
        return names.Count == 0 ? "Nothing (no call can pass)" : string.Join(", ", names);
    }

    private static string Places(bool header, bool query, bool body)
    {
        var places = new[] { header ? "header" : null, query ? "query" : null, body ? "body" : null }.OfType<string>().ToList();
        return places.Count == 0 ? "—" : string.Join(", ", places);
    }

    private static string Or(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "—";

    private void StartEdit()
    {
        if (_settings is null)
        {
            return;
        }

        _form = ApiAuthenticationForm.From(_settings);
        _errors.Clear();
        _error = null;
        _editing = true;
    }

    private void Cancel()
    {
        _editing = false;
        _errors.Clear();
        _error = null;
    }

    private async Task SaveAsync()
    {
        if (_form is null)
        {
            return;
        }

        _saving = true;
        _error = null;
        try
        {
            _settings = await Service.UpdateAsync(ApiId, _form.ToSettings(), CurrentUser.Actor, PageToken);
            _errors.Clear();
            _editing = false;
            Snackbar.Add("Authentication settings saved.", Severity.Success);
        }
        catch (ServiceValidationException e)
        {
            _errors.Set(e.Errors);
            _error = string.Join(" ", e.Errors.Values.SelectMany(m => m));
        }
        catch (Exception e) when (e is EntityConflictException or EntityNotFoundException)
        {
            _error = e.Message;
        }
        finally
        {
            _saving = false;
        }
    }
}
