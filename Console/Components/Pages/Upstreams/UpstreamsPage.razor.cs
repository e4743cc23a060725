using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Upstreams;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Upstreams;

/// <summary>
/// <c>/upstreams</c>: the list, a create/edit form for the selected upstream, and its targets with their live state
/// (state, last probe and counters, refreshed by a timer) and buttons to mark a target healthy or unhealthy.
/// </summary>
public sealed partial class UpstreamsPage : ConsolePageBase
{
    /// <summary>How often the targets' live state is read again.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, int> _weights = new(StringComparer.OrdinalIgnoreCase);
    private List<Upstream> _upstreams = [];
    private Upstream? _selected;
    private UpstreamForm? _form;
    private IReadOnlyList<UpstreamTargetHealth> _health = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _alert;
    private string _newTarget = "";
    private int _newWeight = UpstreamTarget.DefaultWeight;
    private ITimer? _timer;

    [Inject]
    internal UpstreamService Upstreams { get; init; } = default!;

    [Inject]
    internal TimeProvider Time { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await LoadListAsync();
        _timer = Time.CreateTimer(_ => _ = InvokeAsync(RefreshHealthAsync), null, RefreshInterval, RefreshInterval);
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Text(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private int WeightOf(UpstreamTargetHealth target) => _weights.TryGetValue(target.Target, out var weight) ? weight : target.Weight;

    private async Task LoadListAsync()
    {
        var page = await Upstreams.ListAsync(new PageRequest(1, 100), PageToken);
        _upstreams = [.. page.Items];
    }

    private void NewUpstream()
    {
        _selected = null;
        _form = new UpstreamForm();
        _errors = new Dictionary<string, string[]>();
        _alert = null;
        _health = [];
    }

    private async Task SelectAsync(string name)
    {
        _errors = new Dictionary<string, string[]>();
        _alert = null;
        _selected = await Upstreams.FindAsync(name, PageToken);
        if (_selected is null)
        {
            _alert = $"Upstream '{name}' no longer exists.";
            _form = null;
            await LoadListAsync();
            return;
        }

        _form = UpstreamForm.From(_selected);
        _weights.Clear();
        _health = Upstreams.HealthOf(_selected);
    }

    private async Task RefreshHealthAsync()
    {
        if (_selected is null)
        {
            return;
        }

        try
        {
            _health = await Upstreams.GetHealthAsync(_selected.Name, PageToken);
        }
        catch (EntityNotFoundException)
        {
            _health = [];
        }
        catch (OperationCanceledException)
        {
            return;
        }

        StateHasChanged();
    }

    private async Task SaveAsync()
    {
        if (_form is null)
        {
            return;
        }

        var parseErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var healthchecks = _form.Healthchecks.ToSettings(parseErrors);
        if (healthchecks is null)
        {
            _alert = null;
            _errors = parseErrors;
            return;
        }

        var input = _form.ToInput() with { Healthchecks = healthchecks };
        await RunAsync(async () =>
        {
            var saved = _selected is null
                ? await Upstreams.CreateAsync(input, CurrentUser.Actor, PageToken)
                : await Upstreams.UpdateAsync(_selected.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), input, CurrentUser.Actor, PageToken);
            Snackbar.Add($"Upstream '{saved.Name}' saved.", Severity.Success);
            await LoadListAsync();
            await SelectAsync(saved.Name);
        });
    }

    private async Task DeleteAsync()
    {
        if (_selected is null || !await ConfirmDeleteAsync($"Delete upstream {_selected.Name}"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Upstreams.DeleteAsync(_selected.Name, CurrentUser.Actor, PageToken);
            Snackbar.Add($"Upstream '{_selected.Name}' deleted.", Severity.Success);
            _selected = null;
            _form = null;
            _health = [];
            await LoadListAsync();
        });
    }

    private async Task AddTargetAsync()
    {
        if (_selected is null)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var target = await Upstreams.AddTargetAsync(_selected.Name, new UpstreamTargetInput { Target = _newTarget, Weight = _newWeight }, CurrentUser.Actor, PageToken);
            Snackbar.Add($"Target '{target.Target}' added.", Severity.Success);
            _newTarget = "";
            _newWeight = UpstreamTarget.DefaultWeight;
            await ReloadSelectedAsync();
        });
    }

    private async Task SaveWeightAsync(string target)
    {
        if (_selected is null || !_weights.TryGetValue(target, out var weight))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Upstreams.UpdateTargetAsync(_selected.Name, target, new UpstreamTargetInput { Weight = weight }, CurrentUser.Actor, PageToken);
            Snackbar.Add($"Weight of '{target}' saved.", Severity.Success);
            await ReloadSelectedAsync();
        }, "weight:" + target);
    }

    private async Task RemoveAsync(string target)
    {
        if (_selected is null || !await ConfirmDeleteAsync($"Remove target {target}"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Upstreams.RemoveTargetAsync(_selected.Name, target, CurrentUser.Actor, PageToken);
            await ReloadSelectedAsync();
        });
    }

    private async Task MarkAsync(string target, bool healthy)
    {
        if (_selected is null)
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Upstreams.SetTargetHealthAsync(_selected.Name, target, healthy, CurrentUser.Actor, PageToken);
            _health = await Upstreams.GetHealthAsync(_selected.Name, PageToken);
        });
    }

    private async Task ReloadSelectedAsync()
    {
        var name = _selected!.Name;
        await LoadListAsync();
        await SelectAsync(name);
    }

    /// <summary>Runs a write; field errors go next to their fields (prefixed when they belong to one target's row).</summary>
    private async Task RunAsync(Func<Task> write, string? weightField = null)
    {
        _alert = null;
        _errors = new Dictionary<string, string[]>();
        try
        {
            await write();
        }
        catch (ServiceValidationException ex)
        {
            _errors = weightField is null
                ? ex.Errors
                : ex.Errors.ToDictionary(e => e.Key == "weight" ? weightField : e.Key, e => e.Value, StringComparer.Ordinal);
        }
        catch (EntityConflictException ex)
        {
            _alert = ex.Message;
        }
        catch (EntityNotFoundException ex)
        {
            _alert = ex.Message;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The form's editable copy of an upstream.</summary>
    internal sealed class UpstreamForm
    {
        public string Name { get; set; } = "";
        public string Algorithm { get; set; } = UpstreamAlgorithms.RoundRobin;
        public string HashOn { get; set; } = UpstreamHashKinds.None;
        public string? HashOnHeader { get; set; }
        public string? HashOnCookie { get; set; }
        public string HashOnCookiePath { get; set; } = "/";
        public string? HashOnQueryArg { get; set; }
        public string HashFallback { get; set; } = UpstreamHashKinds.None;
        public string? HashFallbackHeader { get; set; }
        public string? HashFallbackQueryArg { get; set; }
        public int Slots { get; set; } = Upstream.DefaultSlots;
        public Guid? ConcurrencyStamp { get; set; }
        public HealthchecksForm Healthchecks { get; set; } = new();

        public static UpstreamForm From(Upstream u) => new()
        {
            Name = u.Name,
            Algorithm = u.Algorithm,
            HashOn = u.HashOn,
            HashOnHeader = u.HashOnHeader,
            HashOnCookie = u.HashOnCookie,
            HashOnCookiePath = u.HashOnCookiePath,
            HashOnQueryArg = u.HashOnQueryArg,
            HashFallback = u.HashFallback,
            HashFallbackHeader = u.HashFallbackHeader,
            HashFallbackQueryArg = u.HashFallbackQueryArg,
            Slots = u.Slots,
            ConcurrencyStamp = u.ConcurrencyStamp,
            Healthchecks = HealthchecksForm.From(u.Healthchecks),
        };

        public UpstreamInput ToInput() => new()
        {
            Name = Name,
            Algorithm = Algorithm,
            HashOn = HashOn,
            HashOnHeader = HashOnHeader,
            HashOnCookie = HashOnCookie,
            HashOnCookiePath = HashOnCookiePath,
            HashOnQueryArg = HashOnQueryArg,
            HashFallback = HashFallback,
            HashFallbackHeader = HashFallbackHeader,
            HashFallbackQueryArg = HashFallbackQueryArg,
            Slots = Slots,
            ConcurrencyStamp = ConcurrencyStamp,
        };
    }
}
