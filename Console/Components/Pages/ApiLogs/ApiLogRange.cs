namespace ApiManager.Admin.Components.Pages.ApiLogs;

/// <summary>The time ranges the API Logs page offers, each ending now.</summary>
public enum ApiLogRange
{
    Last15Minutes,
    LastHour,
    Last24Hours,
    Last7Days,
    Everything,
}
