namespace ApiManager.Gateway.Upstreams.Runtime.Health;

/// <summary>The outcome of one probe or one proxied attempt, as the health counters see it.</summary>
public enum HealthReport
{
    Success,
    HttpFailure,
    TcpFailure,
    Timeout,
}
