using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.OAuth;

namespace ApiManager.Admin.Components.Pages.Clients.Security;

/// <summary>State of the Token settings tab: the form, its field errors and the save.</summary>
internal sealed class TokenSettingsModel(TokenSettingsService service)
{
    private int _clientId;
    private Guid? _stamp;

    public bool Loaded { get; private set; }

    public bool IsBusy { get; private set; }

    public IReadOnlyCollection<string> Grants { get; set; } = [];

    public int AccessTokenValidity { get; set; }

    public int AccessTokenQuota { get; set; }

    public int RefreshTokenValidity { get; set; }

    public int RefreshTokenQuota { get; set; }

    public List<string> RedirectUris { get; } = [];

    public FieldErrors Errors { get; } = new();

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task LoadAsync(int clientId, CancellationToken cancellationToken)
    {
        _clientId = clientId;
        Apply(await service.GetAsync(clientId, cancellationToken));
        Loaded = true;
    }

    public void AddRedirect()
    {
        if (RedirectUris.Count < TokenSettingsService.MaxRedirectUris)
        {
            RedirectUris.Add("");
        }
    }

    public void RemoveRedirect(int index)
    {
        if (index >= 0 && index < RedirectUris.Count)
        {
            RedirectUris.RemoveAt(index);
        }
    }

    public async Task<bool> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        IsBusy = true;
        Error = Message = null;
        Errors.Clear();
        try
        {
            if (!OAuthGrantNames.TryParse(Grants, out var grants, out var unknown))
            {
                Errors.Set(new Dictionary<string, string[]> { ["allowedGrants"] = [$"Unknown grant '{unknown}'."] });
                return false;
            }

            var saved = await service.UpdateAsync(_clientId, new TokenSettings(grants, AccessTokenValidity, AccessTokenQuota, RefreshTokenValidity, RefreshTokenQuota,
                [.. RedirectUris], _stamp), actor, cancellationToken);
            Apply(saved);
            Message = "Token settings saved.";
            return true;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
            Error = "Check the highlighted fields.";
            return false;
        }
        catch (EntityConflictException ex)
        {
            Error = ex.Message;
            return false;
        }
        finally
        {
            IsBusy = false;
        }
    }

    /// <summary>A validity in words next to its seconds (e.g. 3600 → "1 h").</summary>
    public static string Describe(int seconds) => seconds switch
    {
        <= 0 => "",
        _ when seconds % 86400 == 0 => $"{seconds / 86400} d",
        _ when seconds % 3600 == 0 => $"{seconds / 3600} h",
        _ when seconds % 60 == 0 => $"{seconds / 60} min",
        _ => $"{seconds} s",
    };

    private void Apply(TokenSettings settings)
    {
        Grants = [.. OAuthGrantNames.Names(settings.AllowedGrants)];
        AccessTokenValidity = settings.AccessTokenValidity;
        AccessTokenQuota = settings.AccessTokenQuota;
        RefreshTokenValidity = settings.RefreshTokenValidity;
        RefreshTokenQuota = settings.RefreshTokenQuota;
        RedirectUris.Clear();
        RedirectUris.AddRange(settings.RedirectUris);
        _stamp = settings.ConcurrencyStamp;
    }
}
