using System.Globalization;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.XApiKeys;

namespace ApiManager.Admin.Model;

/// <summary>
/// The client security page's X-Api-Key tab: the client's keys, the add form (alias, effective and expiry dates as days
/// in the client's time zone, authority groups limited to those the client may have), the key just created (shown
/// once) with the mail result, and revoke / delete. Each action leaves <see cref="Message"/> or <see cref="Error"/> set.
/// </summary>
internal sealed class XApiKeysViewModel(XApiKeyService keys)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public int ClientId { get; private set; }

    public IReadOnlyList<XApiKeySummary> Keys { get; private set; } = [];

    public IReadOnlyList<XApiKeyGroupRef> GroupChoices { get; private set; } = [];

    /// <summary>The client's time zone id the dates are meant in.</summary>
    public string TimeZoneId => _zone.Id;

    public string? Alias { get; set; }

    /// <summary>Effective date (calendar day; only the date part counts); null: at once.</summary>
    public DateTime? EffectiveDate { get; set; }

    /// <summary>Expiry date (calendar day; the key works until its end).</summary>
    public DateTime? ExpiryDate { get; set; }

    public HashSet<int> SelectedGroupIds { get; } = [];

    /// <summary>The key created last: its plaintext is shown until <see cref="DismissCreated"/>, never again.</summary>
    public XApiKeyCreated? Created { get; private set; }

    public FieldErrors Errors { get; } = new();

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public bool IsBusy { get; private set; }

    public async Task LoadAsync(int clientId, string? timeZoneId, CancellationToken cancellationToken)
    {
        ClientId = clientId;
        _zone = !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
        Keys = await keys.ListAsync(clientId, cancellationToken);
        GroupChoices = await keys.ListGroupChoicesAsync(clientId, cancellationToken);
        SelectedGroupIds.IntersectWith(GroupChoices.Select(g => g.Id));
    }

    public void ToggleGroup(int groupId, bool selected)
    {
        if (selected)
        {
            SelectedGroupIds.Add(groupId);
        }
        else
        {
            SelectedGroupIds.Remove(groupId);
        }
    }

    public async Task<bool> CreateAsync(Actor actor, CancellationToken cancellationToken)
    {
        var input = new XApiKeyInput
        {
            Alias = Alias,
            EffectiveDate = EffectiveDate is { } from ? DateOnly.FromDateTime(from) : null,
            ExpiryDate = ExpiryDate is { } to ? DateOnly.FromDateTime(to) : null,
            GroupIds = [.. SelectedGroupIds.Order()],
        };
        Created = null;
        var done = await RunAsync(async ct => Created = await keys.CreateAsync(ClientId, input, actor, ct), null, cancellationToken);
        if (done && Created is { } created)
        {
            Message = created.MailQueued
                ? $"X-Api-Key '{created.XApiKey.Alias}' created and mailed to {string.Join(", ", created.MailedTo)}."
                : $"X-Api-Key '{created.XApiKey.Alias}' created. {created.MailProblem}";
            Alias = null;
            EffectiveDate = null;
            ExpiryDate = null;
            SelectedGroupIds.Clear();
        }

        return done;
    }

    /// <summary>Forgets the key shown once.</summary>
    public void DismissCreated() => Created = null;

    public Task<bool> RevokeAsync(int id, Actor actor, CancellationToken cancellationToken) =>
        RunAsync(ct => keys.RevokeAsync(ClientId, id, actor, ct), "X-Api-Key revoked.", cancellationToken);

    public Task<bool> DeleteAsync(int id, Actor actor, CancellationToken cancellationToken) =>
        RunAsync(ct => keys.DeleteAsync(ClientId, id, actor, ct), "X-Api-Key deleted.", cancellationToken);

    /// <summary>A UTC instant as the client's local date and time.</summary>
    public string LocalText(DateTime? utc, string none) =>
        utc is { } value
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : none;

    public static string StateText(XApiKeyState state) => state switch
    {
        XApiKeyState.NotYetEffective => "Not yet effective",
        _ => state.ToString(),
    };

    /// <summary>Shows the current keys after a refused action; a client deleted meanwhile leaves an empty list.</summary>
    private async Task ReloadAfterRefusalAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(ClientId, _zone.Id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            Keys = [];
            GroupChoices = [];
        }
    }

    private async Task<bool> RunAsync(Func<CancellationToken, Task> action, string? done, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Error = null;
        Message = null;
        IsBusy = true;
        try
        {
            await action(cancellationToken);
            Message = done;
            await LoadAsync(ClientId, _zone.Id, cancellationToken);
            return true;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
            Error = string.Join(" ", ex.Errors.Values.SelectMany(m => m));
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            await ReloadAfterRefusalAsync(cancellationToken);
        }
        finally
        {
            IsBusy = false;
        }

        return false;
    }
}
