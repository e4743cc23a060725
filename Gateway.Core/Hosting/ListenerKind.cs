namespace ApiManager.Gateway.Hosting;

/// <summary>The two listeners of the one process.</summary>
public enum ListenerKind
{
    /// <summary>Console, portal, admin API, metrics (default for endpoints without listener metadata).</summary>
    Console = 0,

    /// <summary>Proxied APIs and OAuth endpoints.</summary>
    Gateway = 1,
}
