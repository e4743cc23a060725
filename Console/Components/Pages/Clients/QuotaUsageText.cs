using System.Globalization;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Traffic;

namespace ApiManager.Admin.Components.Pages.Clients;

/// <summary>Plain words for a client's live API quota usage (console client details and partner portal).</summary>
internal static class QuotaUsageText
{
    /// <summary>"12 of 100 used this day, resets 2026-11-23 00:00 (Asia/Taipei)", or "Unlimited".</summary>
    public static string Describe(QuotaUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (usage.IsUnlimited)
        {
            return "Unlimited";
        }

        var counted = string.Create(CultureInfo.InvariantCulture, $"{usage.Used:N0} of {usage.Quota:N0} used {PeriodWords(usage.Period)}");
        if (usage.ResetsAtUtc is not { } resetsAt)
        {
            return counted + ", never resets";
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(resetsAt, DateTimeKind.Utc), usage.Zone);
        return string.Create(CultureInfo.InvariantCulture, $"{counted}, resets {local:yyyy-MM-dd HH:mm} ({usage.Zone.Id})");
    }

    private static string PeriodWords(QuotaResetPeriod period) => period switch
    {
        QuotaResetPeriod.Daily => "this day",
        QuotaResetPeriod.Weekly => "this week",
        QuotaResetPeriod.Monthly => "this month",
        _ => "in total",
    };
}
