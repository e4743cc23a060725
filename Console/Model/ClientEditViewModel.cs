using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Create / edit an API client: loads the form, saves through <see cref="ApiClientService"/>, keeps field errors.</summary>
internal sealed class ClientEditViewModel(ApiClientService clients) : EditViewModel<ApiClient, ClientForm>
{
    /// <summary>Every time zone id the machine knows, sorted.</summary>
    public static IReadOnlyList<string> TimeZoneIds { get; } = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Also keeps IP binding row errors (shown next to their rows) out of the list.</summary>
    public override IReadOnlyList<string> OtherErrors =>
        [.. Errors.Others(FormFields.Concat(Errors.Fields.Where(f => f.StartsWith("ipBindings[", StringComparison.Ordinal))))];

    protected override IReadOnlyList<string> FormFields { get; } =
    [
        "clientId", "clientName", "applicationNo", "displayName", "password", "confirmPassword", "ipBindings", "startDate", "expiryDate",
        "serviceStartTime", "serviceEndTime", "timeZoneId", "apiQuota", "quotaResetPeriod", "tpsPerNode", "priority", "note", "status",
        "audience", "emails", "remark",
    ];

    public void AddIpBinding() => Form.IpBindings.Add(new ClientIpBindingRow());

    public void RemoveIpBinding(ClientIpBindingRow row)
    {
        Form.IpBindings.Remove(row);
        Errors.Clear();
    }

    /// <summary>Time zone ids containing <paramref name="text"/> (all when empty), for the autocomplete.</summary>
    public static IEnumerable<string> SearchTimeZones(string? text) =>
        string.IsNullOrWhiteSpace(text) ? TimeZoneIds : TimeZoneIds.Where(z => z.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));

    protected override Task<ApiClient?> FindAsync(int id, CancellationToken cancellationToken) => clients.FindAsync(id, cancellationToken);

    protected override ClientForm ToForm(ApiClient entity) => ClientForm.From(entity);

    protected override int EntityId(ApiClient entity) => entity.Id;

    protected override Task<ApiClient> SaveFormAsync(int? id, Actor actor, CancellationToken cancellationToken) =>
        id is { } existing ? clients.UpdateAsync(existing, Form.ToInput(), actor, cancellationToken) : clients.CreateAsync(Form.ToInput(), actor, cancellationToken);
}
