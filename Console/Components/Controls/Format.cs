using System.Globalization;
using ApiManager.Gateway.Backends;

namespace ApiManager.Admin.Components.Controls;

/// <summary>Display formats shared by the pages.</summary>
internal static class Format
{
    public static string Protocol(BackendProtocol protocol) => protocol == BackendProtocol.Https ? "https" : "http";

    public static string Time(DateTime? utc) => utc is { } value ? value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Time(DateTimeOffset? utc) => Time(utc?.UtcDateTime);

    public static string BackendUrl(Backend backend) =>
        $"{Protocol(backend.Protocol)}://{backend.Host}:{backend.Port}{backend.BasePath}";
}
