using System.Globalization;
using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.CallLog;

/// <summary>Filters and paging of the call log (newest first; keyset paging with <see cref="Before"/>).</summary>
public sealed record CallLogQuery
{
    /// <summary>Rows returned when no limit is given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Oldest time included (UTC).</summary>
    public DateTime? From { get; init; }

    /// <summary>Newest time included (UTC).</summary>
    public DateTime? To { get; init; }

    public int? ApiId { get; init; }

    /// <summary>The client's Client ID (exact).</summary>
    public string? ClientId { get; init; }

    public CallStatusClass? StatusClass { get; init; }

    /// <summary>Only requests the gateway rejected itself.</summary>
    public bool RejectedOnly { get; init; }

    /// <summary>Only requests rejected or answered at this stage.</summary>
    public string? Stage { get; init; }

    public string? RequestId { get; init; }

    /// <summary>Only rows older than this row id (the previous page's <see cref="CallLogPage.NextBefore"/>).</summary>
    public long? Before { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The stored stage names a filter may use.</summary>
    public static IReadOnlyList<string> StageNames { get; } = Enum.GetNames<GatewayStage>();

    /// <summary>Parses <c>2xx</c>…<c>5xx</c> (or the enum name); false for anything else.</summary>
    public static bool TryParseStatusClass(string? value, out CallStatusClass statusClass)
    {
        statusClass = default;
        var text = value?.Trim() ?? "";
        if (text.Length == 3 && text[0] is >= '2' and <= '5' && (text[1] is 'x' or 'X') && (text[2] is 'x' or 'X'))
        {
            statusClass = (CallStatusClass)(text[0] - '0');
            return true;
        }

        return !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && Enum.TryParse(text, ignoreCase: true, out statusClass) && Enum.IsDefined(statusClass);
    }

    /// <summary>The canonical stage name for <paramref name="value"/> (case-insensitive), or null when it names none.</summary>
    public static string? NormalizeStage(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var name in StageNames)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Field errors of this query (camelCase names); empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (From is { } from && To is { } to && from > to)
        {
            errors["to"] = ["'to' must not be before 'from'."];
        }

        if (Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Limit must be between 1 and {MaxLimit}."];
        }

        if (Before is < 1)
        {
            errors["before"] = ["'before' must be a row id (1 or more)."];
        }

        if (ApiId is < 1)
        {
            errors["apiId"] = ["'apiId' must be an API id (1 or more)."];
        }

        if (Stage is not null && NormalizeStage(Stage) is null)
        {
            errors["stage"] = [$"Unknown stage '{Stage}'. Use one of: {string.Join(", ", StageNames)}."];
        }

        if (StatusClass is { } statusClass && !Enum.IsDefined(statusClass))
        {
            errors["status"] = ["Status class must be 2xx, 3xx, 4xx or 5xx."];
        }

        if (ClientId is { Length: > 200 })
        {
            errors["clientId"] = ["Client ID must be at most 200 characters."];
        }

        if (RequestId is { Length: > 200 })
        {
            errors["requestId"] = ["Request id must be at most 200 characters."];
        }

        return errors;
    }
}
