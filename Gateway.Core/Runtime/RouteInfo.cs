using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Metrics;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// What the gateway pipeline knows about one API's YARP route, read per request from the active
/// <see cref="GatewaySnapshot"/> by route id. Every value the hot path needs is precomputed here.
/// </summary>
internal sealed record RouteInfo
{
    /// <summary>The YARP route id (<c>api-{id}</c>).</summary>
    public required string RouteId { get; init; }

    /// <summary>The API's database id.</summary>
    public required int ApiId { get; init; }

    /// <summary>API name.</summary>
    public required string Name { get; init; }

    /// <summary>API version.</summary>
    public required string Version { get; init; }

    /// <summary>Lifecycle state: Inactive answers 503, Deprecated adds a <c>Deprecation</c> header.</summary>
    public required ApiStatus Status { get; init; }

    /// <summary>Allowed methods, canonical upper case (interned like Kestrel's); empty means every method.</summary>
    public required string[] AllowedMethods { get; init; }

    /// <summary>Value of the <c>Allow</c> header sent with a 405 (null when every method is allowed).</summary>
    public string? AllowHeader { get; init; }

    /// <summary>Value of the <c>Deprecation</c> header (RFC 9745 <c>@unix-seconds</c>) for a deprecated API, else null.</summary>
    public string? DeprecationHeader { get; init; }

    /// <summary>Public APIs need no credential (enforced by a later pipeline stage).</summary>
    public required bool IsPublic { get; init; }

    /// <summary>The credential types a non-public API accepts.</summary>
    public CredentialTypes AcceptedCredentials { get; init; } = CredentialTypes.Default;

    /// <summary>Whether the caller's credential is forwarded to the backend (stripped by default).</summary>
    public bool ForwardCredentials { get; init; }

    /// <summary>Key-auth, basic-auth and jwt options, anonymous client and preflight rule, compiled once per snapshot.</summary>
    public Credentials.Plugins.Runtime.CompiledAuthentication Authentication { get; init; } = Credentials.Plugins.Runtime.CompiledAuthentication.Default;

    /// <summary>The 401 answered when the request carries none of the accepted credentials.</summary>
    public GatewayError MissingCredentialError { get; init; } = GatewayError.InvalidCredential;

    /// <summary>The backend's database id.</summary>
    public required int BackendId { get; init; }

    /// <summary>The YARP cluster id of the backend (<c>backend-{id}</c>).</summary>
    public required string ClusterId { get; init; }

    /// <summary>
    /// The answer when YARP finds no destination: <c>no_healthy_upstream</c> for a backend served by an upstream (every
    /// target unhealthy or disabled), <c>backend_unavailable</c> otherwise.
    /// </summary>
    public GatewayError NoDestinationError { get; init; } = GatewayError.BackendUnavailable;

    /// <summary>Normalized gateway path (prefix or template).</summary>
    public required string Path { get; init; }

    /// <summary>
    /// The API's allowed operations (from its OpenAPI import), or null: then every path under the API is allowed.
    /// </summary>
    public OperationMatcher? Operations { get; init; }

    /// <summary>
    /// Characters of the request path that belong to the API's path (its prefix length; the whole path for a template),
    /// so the operation matcher sees the rest.
    /// </summary>
    public int OperationPathOffset { get; init; }

    /// <summary>The API's effective plugins (global, backend, API and client scopes resolved), compiled once per snapshot.</summary>
    public Plugins.Runtime.PluginChain Plugins { get; init; } = ApiManager.Gateway.Plugins.Runtime.PluginChain.Empty;

    /// <summary>The API's IP diversion rules (caller network → target URL), or null when it has none.</summary>
    public Apis.Diversion.ApiDiversionSet? Diversions { get; init; }

    /// <summary>Request counters and latency histogram of this API, label children resolved once.</summary>
    public required ApiMeters Meters { get; init; }

    /// <summary>True when <paramref name="method"/> may call the API.</summary>
    public bool AllowsMethod(string method)
    {
        // A plain loop over a short array: no interface dispatch, LINQ or hashing per request.
        var methods = AllowedMethods;
        if (methods.Length == 0)
        {
            return true;
        }

        for (var i = 0; i < methods.Length; i++)
        {
            // Kestrel hands out interned strings for the common methods, and the snapshot stores the same instances.
            if (ReferenceEquals(methods[i], method) || string.Equals(methods[i], method, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
