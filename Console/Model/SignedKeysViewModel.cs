using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.SignedKeys;

namespace ApiManager.Admin.Model;

/// <summary>
/// The "API Key (DGRK)" tab: a client's signed keys, the create form (expiry day, quota, APIs) and revoke/delete. A new
/// key's API key and secret key stay in <see cref="Created"/> until the next action: the secret is shown only then.
/// </summary>
internal sealed class SignedKeysViewModel(SignedKeyService keys, ApiService apis, TimeProvider timeProvider)
{
    /// <summary>What the gateway would do with the key now: the stored status, or Expired / Used up once time or calls ran out.</summary>
    public string StateOf(SignedApiKey key) => StateAt(key, timeProvider.GetUtcNow().UtcDateTime);

    /// <summary>The state of <paramref name="key"/> at <paramref name="now"/> (UTC).</summary>
    public static string StateAt(SignedApiKey key, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Status switch
        {
            SignedKeyStatus.Revoked => "Revoked",
            SignedKeyStatus.Expired => "Expired",
            _ when key.ExpiresAt <= now => "Expired",
            _ when key.RemainingUses == 0 => "Used up",
            _ => "Active",
        };
    }

    public int ClientId { get; private set; }

    public IReadOnlyList<SignedApiKey> Keys { get; private set; } = [];

    public IReadOnlyList<ApiDefinition> Apis { get; private set; } = [];

    public string? Alias { get; set; }

    /// <summary>The last valid day (the key expires at the end of it, UTC).</summary>
    public DateTime? ExpiryDay { get; set; }

    /// <summary>Calls allowed; −1 = unlimited.</summary>
    public long TimesQuota { get; set; } = SignedApiKey.Unlimited;

    public IReadOnlyCollection<int> SelectedApiIds { get; set; } = [];

    /// <summary>The key just issued (its secret shown once), or null.</summary>
    public CreatedSignedKey? Created { get; private set; }

    public FieldErrors Errors { get; } = new();

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public bool IsBusy { get; private set; }

    public async Task LoadAsync(int clientId, CancellationToken cancellationToken)
    {
        ClientId = clientId;
        Keys = await keys.ListAsync(clientId, cancellationToken);
        Apis = (await apis.ListAsync(new PageRequest(1, PageRequest.MaxPageSize), cancellationToken)).Items;
    }

    public async Task<bool> CreateAsync(Actor actor, CancellationToken cancellationToken)
    {
        Created = null;
        var expiresAt = ExpiryDay is { } day ? DateTime.SpecifyKind(day.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc) : (DateTime?)null;
        var input = new SignedKeyInput { Alias = Alias, ExpiresAt = expiresAt, TimesQuota = TimesQuota, ApiIds = [.. SelectedApiIds] };
        CreatedSignedKey? created = null;
        var ok = await RunAsync(async ct => created = await keys.CreateAsync(ClientId, input, actor, ct), "Key issued. Copy the secret key now: it is not shown again.", cancellationToken);
        if (ok)
        {
            Created = created;
            Alias = null;
            ExpiryDay = null;
            TimesQuota = SignedApiKey.Unlimited;
            SelectedApiIds = [];
        }

        return ok;
    }

    public Task<bool> RevokeAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        Created = null;
        return RunAsync(ct => keys.RevokeAsync(ClientId, id, actor, ct), "Key revoked.", cancellationToken);
    }

    public Task<bool> DeleteAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        Created = null;
        return RunAsync(ct => keys.DeleteAsync(ClientId, id, actor, ct), "Key deleted.", cancellationToken);
    }

    private async Task<bool> RunAsync(Func<CancellationToken, Task> action, string success, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Error = null;
        Message = null;
        IsBusy = true;
        try
        {
            await action(cancellationToken);
            Message = success;
            return true;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
            Error = "Fix the highlighted fields.";
            return false;
        }
        catch (Exception ex) when (ex is EntityNotFoundException or EntityConflictException)
        {
            Error = ex.Message;
            return false;
        }
        finally
        {
            IsBusy = false;
            Keys = await keys.ListAsync(ClientId, cancellationToken);
        }
    }
}
