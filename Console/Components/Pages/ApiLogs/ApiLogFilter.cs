using ApiManager.Gateway.CallLog;

namespace ApiManager.Admin.Components.Pages.ApiLogs;

/// <summary>The API Logs page's filters, turned into a <see cref="CallLogQuery"/> at each (re)load.</summary>
internal sealed class ApiLogFilter
{
    /// <summary>Status classes offered by the status filter.</summary>
    public static readonly string[] StatusClasses = ["2xx", "3xx", "4xx", "5xx"];

    public ApiLogRange Range { get; set; } = ApiLogRange.Last24Hours;

    public int? ApiId { get; set; }

    public string? ClientId { get; set; }

    /// <summary><c>2xx</c> … <c>5xx</c>, or null for every status.</summary>
    public string? StatusClass { get; set; }

    public bool RejectedOnly { get; set; }

    /// <summary>A stage name (<see cref="CallLogQuery.StageNames"/>), or null for any.</summary>
    public string? Stage { get; set; }

    /// <summary>The query for rows up to <paramref name="now"/>; the range slides with the live tail.</summary>
    public CallLogQuery ToQuery(DateTimeOffset now, int limit, long? before = null)
    {
        DateTime? from = Range switch
        {
            ApiLogRange.Last15Minutes => now.UtcDateTime.AddMinutes(-15),
            ApiLogRange.LastHour => now.UtcDateTime.AddHours(-1),
            ApiLogRange.Last24Hours => now.UtcDateTime.AddHours(-24),
            ApiLogRange.Last7Days => now.UtcDateTime.AddDays(-7),
            _ => null,
        };
        return new CallLogQuery
        {
            From = from,
            ApiId = ApiId,
            ClientId = string.IsNullOrWhiteSpace(ClientId) ? null : ClientId.Trim(),
            StatusClass = CallLogQuery.TryParseStatusClass(StatusClass, out var statusClass) ? statusClass : null,
            RejectedOnly = RejectedOnly,
            Stage = string.IsNullOrWhiteSpace(Stage) ? null : Stage,
            Before = before,
            Limit = limit,
        };
    }

    public void Clear()
    {
        Range = ApiLogRange.Last24Hours;
        ApiId = null;
        ClientId = null;
        StatusClass = null;
        RejectedOnly = false;
        Stage = null;
    }

    /// <summary>A stage name as the page shows it.</summary>
    public static string StageLabel(string? stage) => stage switch
    {
        null => "—",
        "Routing" => "Routing",
        "Api" => "API settings",
        "PreAuthentication" => "Before authentication",
        "Authentication" => "Authentication",
        "ClientLimits" => "Client limits",
        "Plugin" => "Plugin",
        "Admission" => "Priority admission",
        "Backend" => "Backend",
        _ => stage,
    };

    /// <summary>A time range as the page shows it.</summary>
    public static string RangeLabel(ApiLogRange range) => range switch
    {
        ApiLogRange.Last15Minutes => "Last 15 minutes",
        ApiLogRange.LastHour => "Last hour",
        ApiLogRange.Last24Hours => "Last 24 hours",
        ApiLogRange.Last7Days => "Last 7 days",
        _ => "Everything kept",
    };
}
