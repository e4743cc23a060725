namespace ApiManager.Gateway.Upstreams;

/// <summary>Kinds of health probes, by their Kong names.</summary>
public static class HealthcheckTypes
{
    public const string Http = "http";
    public const string Https = "https";
    public const string Tcp = "tcp";

    /// <summary>Types an active check may use.</summary>
    public static readonly IReadOnlyList<string> Active = [Http, Https, Tcp];

    /// <summary>Types a passive check may use (it reads real traffic, so no https/tcp distinction of the probe).</summary>
    public static readonly IReadOnlyList<string> Passive = [Http, Tcp];
}
