using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.Plugins;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Pages.Clients.Security;

/// <summary>The client's key-auth keys and JWT credentials: list, add (key or secret shown once), delete.</summary>
public sealed partial class PluginCredentialsTab : ComponentBase
{
    private IReadOnlyList<KeyAuthCredential> _keys = [];
    private IReadOnlyList<JwtCredential> _jwt = [];
    private readonly FieldErrors _keyErrors = new();
    private readonly FieldErrors _jwtErrors = new();
    private string? _newKey;
    private string? _jwtKey;
    private JwtAlgorithm _jwtAlgorithm = JwtAlgorithm.HS256;
    private string? _jwtSecret;
    private string? _jwtPem;
    private string? _shownOnce;
    private string? _shownOnceLabel;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    internal ClientSecurityContext Context { get; set; } = default!;

    [Inject]
    internal PluginCredentialService Credentials { get; init; } = default!;

    private int ClientId => Context.ViewModel.Client!.Id;

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _keys = await Credentials.ListKeyAuthAsync(ClientId, Context.PageToken);
        _jwt = await Credentials.ListJwtAsync(ClientId, Context.PageToken);
    }

    private Task CreateKeyAsync() => RunAsync(_keyErrors, async () =>
    {
        var created = await Credentials.CreateKeyAuthAsync(ClientId, string.IsNullOrEmpty(_newKey) ? null : _newKey, Context.Actor, Context.PageToken);
        (_shownOnceLabel, _shownOnce, _newKey) = ("New key-auth key", created.Key, null);
    });

    private Task DeleteKeyAsync(int id) => RunAsync(_keyErrors, () => Credentials.DeleteKeyAuthAsync(ClientId, id, Context.Actor, Context.PageToken));

    private Task CreateJwtAsync() => RunAsync(_jwtErrors, async () =>
    {
        var hmac = PluginCredentialService.IsHmac(_jwtAlgorithm);
        var input = new JwtCredentialInput
        {
            Key = _jwtKey,
            Algorithm = _jwtAlgorithm,
            Secret = hmac && !string.IsNullOrEmpty(_jwtSecret) ? _jwtSecret : null,
            PublicKeyPem = hmac ? null : _jwtPem,
        };
        var created = await Credentials.CreateJwtAsync(ClientId, input, Context.Actor, Context.PageToken);
        if (created.Secret is { } secret)
        {
            (_shownOnceLabel, _shownOnce) = ($"Secret of JWT credential '{created.Credential.Key}'", secret);
        }
        else
        {
            _shownOnce = null;
        }

        (_jwtKey, _jwtSecret, _jwtPem) = (null, null, null);
    });

    private Task DeleteJwtAsync(int id) => RunAsync(_jwtErrors, () => Credentials.DeleteJwtAsync(ClientId, id, Context.Actor, Context.PageToken));

    private async Task RunAsync(FieldErrors errors, Func<Task> action)
    {
        _busy = true;
        _error = null;
        errors.Clear();
        try
        {
            await action();
            await ReloadAsync();
        }
        catch (ServiceValidationException e)
        {
            errors.Set(e.Errors);
            _error = string.Join(" ", e.Errors.Values.SelectMany(m => m));
        }
        catch (Exception e) when (e is EntityNotFoundException or EntityConflictException)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
