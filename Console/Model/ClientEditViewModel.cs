using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API client: loads the form, saves through <see cref="ApiClientService"/>, keeps field errors.</summary>
internal sealed class ClientEditViewModel(ApiClientService clients)
{
    /// <summary>Fields the form shows errors next to (IP binding rows show theirs too).</summary>
    public static IReadOnlyList<string> FormFields { get; } =
    [
        "clientId", "clientName", "applicationNo", "displayName", "password", "confirmPassword", "ipBindings", "startDate", "expiryDate",
        "serviceStartTime", "serviceEndTime", "timeZoneId", "apiQuota", "quotaResetPeriod", "tpsPerNode", "priority", "note", "status",
        "audience", "emails", "remark",
    ];

    /// <summary>Every time zone id the machine knows, sorted.</summary>
    public static IReadOnlyList<string> TimeZoneIds { get; } = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)];

    public int? Id { get; private set; }

    public bool IsNew => Id is null;

    public bool NotFound { get; private set; }

    public ClientForm Form { get; private set; } = new();

    public FieldErrors Errors { get; } = new();

    /// <summary>A conflict (changed by someone else) or another failure, shown as an alert.</summary>
    public string? Alert { get; private set; }

    public bool IsSaving { get; private set; }

    public IReadOnlyList<string> OtherErrors =>
        [.. Errors.Others(FormFields.Concat(Errors.Fields.Where(f => f.StartsWith("ipBindings[", StringComparison.Ordinal))))];

    /// <summary>Starts a new form (<paramref name="id"/> null) or loads the client to edit.</summary>
    public async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Errors.Clear();
        Alert = null;
        NotFound = false;
        if (id is not { } existing)
        {
            Form = new ClientForm();
            return;
        }

        var client = await clients.FindAsync(existing, cancellationToken);
        if (client is null)
        {
            NotFound = true;
            return;
        }

        Form = ClientForm.From(client);
    }

    public void AddIpBinding() => Form.IpBindings.Add(new ClientIpBindingRow());

    public void RemoveIpBinding(ClientIpBindingRow row)
    {
        Form.IpBindings.Remove(row);
        Errors.Clear();
    }

    /// <summary>Time zone ids containing <paramref name="text"/> (all when empty), for the autocomplete.</summary>
    public static IEnumerable<string> SearchTimeZones(string? text) =>
        string.IsNullOrWhiteSpace(text) ? TimeZoneIds : TimeZoneIds.Where(z => z.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Saves; returns the saved client, or null with <see cref="Errors"/> / <see cref="Alert"/> set.</summary>
    public async Task<ApiClient?> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Alert = null;
        IsSaving = true;
        try
        {
            var saved = Id is { } id
                ? await clients.UpdateAsync(id, Form.ToInput(), actor, cancellationToken)
                : await clients.CreateAsync(Form.ToInput(), actor, cancellationToken);
            Id = saved.Id;
            Form = ClientForm.From(saved);
            return saved;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
        }
        catch (EntityConflictException ex)
        {
            Alert = ex.Message;
        }
        catch (EntityNotFoundException ex)
        {
            Alert = ex.Message;
        }
        finally
        {
            IsSaving = false;
        }

        return null;
    }
}
