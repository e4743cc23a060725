using System.Diagnostics;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Plugins;

namespace ApiManager.Gateway.CallLog;

/// <summary>The <c>CallLog</c> table's inserted columns, and how a <see cref="CallRecord"/> fills them.</summary>
internal static class CallLogColumns
{
    public const string Table = "CallLog";

    /// <summary>Inserted columns, in parameter order (everything but <c>Id</c>).</summary>
    public static readonly string[] Names =
    [
        "At", "RequestId", "Node", "ApiId", "ApiName", "ApiVersion", "ClientId", "ClientName", "CredentialType", "CredentialId",
        "CallerIp", "Method", "Path", "Query", "Status", "BackendStatus", "LatencyMs", "BackendLatencyMs", "BytesIn", "BytesOut",
        "CacheStatus", "Stage", "Plugin", "ErrorCode", "ErrorDetail",
    ];

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private static readonly string[] StageNames = Enum.GetNames<GatewayStage>();

    private static readonly object[] BoxedStatuses = [.. Enumerable.Range(0, 600).Select(s => (object)s)];

    public static int Count => Names.Length;

    /// <summary>Unix milliseconds of <paramref name="value"/> (how <see cref="CallLogEntry.At"/> is stored).</summary>
    public static long ToUnixMilliseconds(DateTime value) => (value.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;

    /// <summary>The UTC time of Unix milliseconds <paramref name="value"/>.</summary>
    public static DateTime FromUnixMilliseconds(long value) => new(value * TimeSpan.TicksPerMillisecond + UnixEpochTicks, DateTimeKind.Utc);

    /// <summary>The stored name of <paramref name="stage"/>.</summary>
    public static string StageName(GatewayStage stage) => (int)stage >= 0 && (int)stage < StageNames.Length ? StageNames[(int)stage] : stage.ToString();

    /// <summary>The stored name of a credential type.</summary>
    public static string CredentialName(CredentialTypes type) => type switch
    {
        CredentialTypes.ClientBasic => nameof(CredentialTypes.ClientBasic),
        CredentialTypes.OAuthToken => nameof(CredentialTypes.OAuthToken),
        CredentialTypes.XApiKey => nameof(CredentialTypes.XApiKey),
        CredentialTypes.SignedKey => nameof(CredentialTypes.SignedKey),
        CredentialTypes.KeyAuth => nameof(CredentialTypes.KeyAuth),
        CredentialTypes.Jwt => nameof(CredentialTypes.Jwt),
        _ => type.ToString(),
    };

    /// <summary>Writes <paramref name="record"/>'s values into <paramref name="values"/> from <paramref name="offset"/>.</summary>
    public static void Fill(CallRecord record, string node, Span<object> values, int offset)
    {
        var total = Stopwatch.GetElapsedTime(record.StartTimestamp, record.EndTimestamp);
        var startedAt = record.EndedAt.UtcDateTime - total;
        var route = record.Route;
        var caller = record.Caller;
        var error = record.Error;
        var v = values[offset..];
        v[0] = ToUnixMilliseconds(startedAt);
        v[1] = record.RequestId;
        v[2] = node;
        v[3] = route is null ? DBNull.Value : route.ApiId;
        v[4] = (object?)route?.Name ?? DBNull.Value;
        v[5] = (object?)route?.Version ?? DBNull.Value;
        v[6] = (object?)caller?.Client.ClientId ?? DBNull.Value;
        v[7] = (object?)caller?.Client.ClientName ?? DBNull.Value;
        v[8] = caller is null ? DBNull.Value : CredentialName(caller.Type);
        v[9] = (object?)caller?.CredentialId ?? DBNull.Value;
        v[10] = (object?)record.CallerIp?.ToString() ?? DBNull.Value;
        v[11] = record.Method;
        v[12] = record.Path ?? "";
        v[13] = (object?)Redact(record.Query, route) ?? DBNull.Value;
        v[14] = Box(record.Status);
        v[15] = record.BackendStatus > 0 ? Box(record.BackendStatus) : DBNull.Value;
        v[16] = Math.Round(total.TotalMilliseconds, 3);
        v[17] = record.BackendTicks > 0 ? Math.Round(Stopwatch.GetElapsedTime(0, record.BackendTicks).TotalMilliseconds, 3) : DBNull.Value;
        v[18] = record.BytesIn is { } bytesIn ? bytesIn : DBNull.Value;
        v[19] = record.BytesOut is { } bytesOut ? bytesOut : DBNull.Value;
        v[20] = (object?)record.CacheStatus ?? DBNull.Value;
        v[21] = record.Stage is { } stage ? StageName(stage) : DBNull.Value;
        v[22] = record.Plugin is { } plugin ? PluginTypes.Name(plugin) : DBNull.Value;
        v[23] = (object?)error?.Code ?? DBNull.Value;
        v[24] = (object?)error?.Detail ?? DBNull.Value;
    }

    private static object Box(int status) => (uint)status < (uint)BoxedStatuses.Length ? BoxedStatuses[status] : status;

    private static string? Redact(string? query, Runtime.RouteInfo? route)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return null;
        }

        var authentication = route?.Authentication;
        return QueryRedactor.Redact(query, authentication?.KeyNames, authentication?.JwtUriParams);
    }
}
