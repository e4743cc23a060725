using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.CallLog;

/// <summary>The <c>CallLog</c> table's inserted columns and the stored forms of times, stages and credential types.</summary>
internal static class CallLogColumns
{
    public const string Table = "CallLog";

    /// <summary>Inserted columns, in parameter order (everything but <c>Id</c>).</summary>
    public static readonly string[] Names =
    [
        "At", "RequestId", "Node", "ApiId", "ApiName", "ApiVersion", "ClientId", "ClientName", "CredentialType", "CredentialId",
        "CallerIp", "Method", "Path", "Query", "Status", "BackendStatus", "LatencyMs", "BackendLatencyMs", "BytesIn", "BytesOut",
        "CacheStatus", "Stage", "Plugin", "ErrorCode", "ErrorDetail", "Target", "Retries",
    ];

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private static readonly string[] StageNames = Enum.GetNames<GatewayStage>();

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

    /// <summary>The query as stored: null when empty, secret values masked.</summary>
    public static string? Redact(string? query, Runtime.RouteInfo? route)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return null;
        }

        var authentication = route?.Authentication;
        return QueryRedactor.Redact(query, authentication?.KeyNames, authentication?.JwtUriParams);
    }
}
