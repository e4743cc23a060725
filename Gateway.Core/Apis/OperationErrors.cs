using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Apis;

/// <summary>The gateway's answer when a request path matches none of an API's operations.</summary>
internal static class OperationErrors
{
    /// <summary>Machine code of the 404.</summary>
    public const string NotFoundCode = "operation_not_found";

    /// <summary>A 404 naming the API and the path (built only on this rejection, never on the common path).</summary>
    public static GatewayError NotFound(string apiName, string path) =>
        new(404, NotFoundCode, "Not Found", $"No operation of API '{apiName}' matches {path}.");
}
