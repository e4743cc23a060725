namespace ApiManager.Gateway.Pipeline;

/// <summary>The pipeline stage that answered or rejected a gateway request (recorded in the call log).</summary>
internal enum GatewayStage
{
    /// <summary>No API is published at the path.</summary>
    Routing = 0,

    /// <summary>The API is inactive or does not accept the method.</summary>
    Api = 1,

    /// <summary>A plugin that runs before authentication (cors).</summary>
    PreAuthentication = 2,

    /// <summary>Credential validation and the client checks every credential shares.</summary>
    Authentication = 3,

    /// <summary>The client's own limits: TPS/Node and API quota.</summary>
    ClientLimits = 4,

    /// <summary>A plugin that runs after authentication (ip-restriction, rate-limiting, sandbox, proxy-cache, …).</summary>
    Plugin = 5,

    /// <summary>Priority admission when the node is saturated.</summary>
    Admission = 6,

    /// <summary>Forwarding to the backend.</summary>
    Backend = 7,
}
