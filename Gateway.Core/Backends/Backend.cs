namespace ApiManager.Gateway.Backends;

/// <summary>A service the gateway forwards to: protocol, host, port, base path, retries and timeouts.</summary>
public sealed class Backend
{
    public const int DefaultRetries = 5;
    public const int DefaultTimeoutMs = 60000;

    public int Id { get; set; }
    public required string Name { get; set; }
    public BackendProtocol Protocol { get; set; } = BackendProtocol.Http;
    public required string Host { get; set; }
    public int Port { get; set; } = 80;
    public string BasePath { get; set; } = "";
    public int Retries { get; set; } = DefaultRetries;
    public int ConnectTimeoutMs { get; set; } = DefaultTimeoutMs;
    public int ReadTimeoutMs { get; set; } = DefaultTimeoutMs;
    public int WriteTimeoutMs { get; set; } = DefaultTimeoutMs;
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>Scheme used toward a backend.</summary>
public enum BackendProtocol
{
    Http = 0,
    Https = 1,
}
