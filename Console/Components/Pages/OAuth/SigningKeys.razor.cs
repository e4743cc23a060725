using ApiManager.Admin.Components.Controls;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.OAuth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.OAuth;

/// <summary><c>/oauth/signing-keys</c>: the token signing keys; administrators rotate (choosing the algorithm) and remove retired keys.</summary>
public sealed partial class SigningKeys : ConsolePageBase
{
    private IReadOnlyList<SigningKeyInfo>? _keys;
    private OAuthKeyAlgorithm _algorithm = OAuthKeyAlgorithm.RS256;
    private bool _busy;
    private string? _error;
    private string? _message;

    [Inject]
    internal SigningKeyService Keys { get; init; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await LoadAsync();
    }

    private async Task LoadAsync() => _keys = await Keys.ListAsync(PageToken);

    private async Task RotateAsync()
    {
        await RunAsync(async () =>
        {
            var key = await Keys.RotateAsync(_algorithm, CurrentUser.Actor, PageToken);
            _message = $"New {key.Algorithm} key {key.Kid} is active; the previous key is retired.";
        });
    }

    private async Task RemoveAsync(SigningKeyInfo key)
    {
        if (!await ConfirmDeleteAsync($"Remove signing key {key.Kid}?"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Keys.RemoveAsync(key.Kid, CurrentUser.Actor, PageToken);
            _message = $"Key {key.Kid} removed.";
        });
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = _message = null;
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException or ServiceValidationException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private static Color StatusColor(OAuthKeyStatus status) => status switch
    {
        OAuthKeyStatus.Active => Color.Success,
        OAuthKeyStatus.Retired => Color.Warning,
        _ => Color.Default,
    };
}
