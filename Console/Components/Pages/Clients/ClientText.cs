using System.Globalization;
using ApiManager.Gateway.Clients;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>How client values read on the console.</summary>
internal static class ClientText
{
    public static string Status(ClientStatus status) => status switch
    {
        ClientStatus.Enabled => "Enabled",
        ClientStatus.Disabled => "Disabled",
        ClientStatus.Locked => "Locked",
        _ => status.ToString(),
    };

    public static Color StatusColor(ClientStatus status) => status switch
    {
        ClientStatus.Enabled => Color.Success,
        ClientStatus.Locked => Color.Error,
        _ => Color.Default,
    };

    public static string Audience(ClientAudience audience) => audience switch
    {
        ClientAudience.InternalAndExternal => "Internal and external",
        ClientAudience.External => "External",
        ClientAudience.Internal => "Internal",
        _ => audience.ToString(),
    };

    public static string ResetPeriod(QuotaResetPeriod period) => period switch
    {
        QuotaResetPeriod.None => "None",
        QuotaResetPeriod.Daily => "Daily",
        QuotaResetPeriod.Weekly => "Weekly",
        QuotaResetPeriod.Monthly => "Monthly",
        _ => period.ToString(),
    };

    public static string Quota(ApiClient client) => client.ApiQuota == 0 ? "Unlimited" : $"{client.ApiQuota.ToString(CultureInfo.InvariantCulture)} per {ResetPeriod(client.QuotaResetPeriod).ToLowerInvariant()} period";

    public static string Tps(ApiClient client) => client.TpsPerNode == 0 ? "Unlimited" : client.TpsPerNode.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string ServiceTime(ApiClient client) => client.ServiceStartTime is { } from && client.ServiceEndTime is { } to
        ? $"{from.ToString("HH:mm", CultureInfo.InvariantCulture)}–{to.ToString("HH:mm", CultureInfo.InvariantCulture)}"
        : "All day";
}
