using System.Net;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;

namespace ApiManager.Gateway.CallLog;

/// <summary>
/// What the request path hands to the writer: references and numbers copied out of the finished request, nothing
/// formatted. The writer turns it into a row (strings, redaction, milliseconds) off the request path.
/// </summary>
internal sealed class CallRecord
{
    public DateTimeOffset EndedAt;
    public long StartTimestamp;
    public long EndTimestamp;
    public string RequestId = "";
    public RouteInfo? Route;
    public CallerFeature? Caller;
    public IPAddress? CallerIp;
    public string Method = "";
    public string? Path;
    public string? Query;
    public int Status;
    public int BackendStatus;
    public long BackendTicks;
    public long? BytesIn;
    public long? BytesOut;
    public string? CacheStatus;
    public GatewayStage? Stage;
    public Plugins.PluginType? Plugin;
    public GatewayError? Error;
    public string? Target;
    public int Retries;
}
