namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>Who changed a target's health flag.</summary>
public static class HealthSources
{
    public const string Active = "active";
    public const string Passive = "passive";
    public const string Manual = "manual";
}
