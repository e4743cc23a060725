using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis.Wizard;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Credentials;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>
/// The create-API wizard (<c>/apis/wizard</c>): six steps in a <see cref="MudStepper"/> (backend, backend plugins, API
/// data, OpenAPI, access control, API plugins). "Next" (or a click on a later step) is refused while the current step
/// has field errors from <see cref="ApiWizardService.ValidateStepAsync"/>; "Create" writes everything through
/// <see cref="ApiWizardService.CreateAsync"/> and opens the new API's page.
/// </summary>
public sealed partial class ApiWizard : ConsolePageBase
{
    private const int LastStep = (int)ApiWizardStep.ApiPlugins;

    private readonly BackendForm _backend = new();
    private readonly ApiForm _api = new();
    private readonly List<WizardPluginRow> _backendPlugins = [];
    private readonly List<WizardPluginRow> _apiPlugins = [];
    private readonly OpenApiSource _openApi = new();
    private MudStepper? _stepper;
    private IReadOnlyList<Backend> _backends = [];
    private int _activeIndex;
    private bool _newBackend = true;
    private int? _backendId;
    private bool _isPublic;
    private CredentialTypes _accepted = CredentialTypes.Default;
    private bool _busy;

    [Inject]
    internal ApiWizardService Wizard { get; init; } = default!;

    [Inject]
    public required BackendService Backends { get; init; }

    internal FieldErrors Errors { get; } = new();

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _backends = await Backends.ListAllAsync(PageToken);
    }

    internal ApiWizardInput BuildInput() => new()
    {
        BackendId = _newBackend ? null : _backendId ?? 0,
        NewBackend = _newBackend ? _backend.ToInput() : null,
        BackendPlugins = [.. _backendPlugins.Select(ToPlugin)],
        Api = _api.ToInput(),
        OpenApiContent = _openApi.Text,
        OpenApiUrl = _openApi.ChosenUrl,
        IsPublic = _isPublic,
        AcceptedCredentials = _accepted,
        ApiPlugins = [.. _apiPlugins.Select(ToPlugin)],
    };

    private IReadOnlyList<string> MessagesUnder(string prefix) =>
        [.. Errors.Fields.Where(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(f => Errors.Text(f)!)];

    private static ApiWizardPlugin ToPlugin(WizardPluginRow row) => new(row.Type, row.Configuration, row.Enabled);

    private bool StepHasError(int index) => Errors.Fields.Any(f => ApiWizardSteps.StepOf(f) is { } step && (int)step == index);

    /// <summary>Every key a step shows next to its input or in its plugin list; the rest appear above the stepper.</summary>
    private IEnumerable<string> ShownFields() => Errors.Fields.Where(f => ApiWizardSteps.StepOf(f) is not null);

    private async Task NextAsync()
    {
        if (_stepper is not null)
        {
            await _stepper.NextStepAsync();
        }
    }

    private async Task BackAsync()
    {
        Errors.Clear();
        if (_stepper is not null)
        {
            await _stepper.PreviousStepAsync();
        }
    }

    /// <summary>Going forward (Next, or a click on a later step) needs every step before the target to be valid.</summary>
    private async Task OnPreviewInteractionAsync(StepperInteractionEventArgs args)
    {
        var target = args.Action == StepAction.Complete ? _activeIndex + 1 : args.StepIndex;
        if (args.Action is not (StepAction.Complete or StepAction.Activate) || target <= _activeIndex)
        {
            return;
        }

        _busy = true;
        try
        {
            var input = BuildInput();
            for (var index = _activeIndex; index < target; index++)
            {
                var errors = await Wizard.ValidateStepAsync(input, (ApiWizardStep)index, PageToken);
                Errors.Set(errors);
                if (errors.Count > 0)
                {
                    args.Cancel = true;
                    if (index != _activeIndex)
                    {
                        _activeIndex = index;
                    }

                    return;
                }
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateAsync()
    {
        _busy = true;
        var api = await Errors.TryAsync(() => Wizard.CreateAsync(BuildInput(), CurrentUser.Actor, PageToken), "wizard");
        _busy = false;
        if (api is not null)
        {
            Snackbar.Add($"API '{api.Name}' {api.Version} created.", Severity.Success);
            Navigation.NavigateTo($"/apis/{api.Id}");
            return;
        }

        _activeIndex = Errors.Fields.Select(ApiWizardSteps.StepOf).Where(s => s is not null).Select(s => (int)s!.Value).DefaultIfEmpty(_activeIndex).Min();
    }
}
