namespace ApiManager.Gateway.Backends;

/// <summary>What an admin submits to create or update a backend.</summary>
public sealed record BackendInput
{
    public string Name { get; init; } = "";
    public BackendProtocol Protocol { get; init; } = BackendProtocol.Http;
    public string Host { get; init; } = "";
    public int Port { get; init; } = 80;
    public string? BasePath { get; init; }
    public int Retries { get; init; } = Backend.DefaultRetries;
    public int ConnectTimeoutMs { get; init; } = Backend.DefaultTimeoutMs;
    public int ReadTimeoutMs { get; init; } = Backend.DefaultTimeoutMs;
    public int WriteTimeoutMs { get; init; } = Backend.DefaultTimeoutMs;
    public string? Description { get; init; }

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    public static BackendInput From(Backend b) => new()
    {
        Name = b.Name,
        Protocol = b.Protocol,
        Host = b.Host,
        Port = b.Port,
        BasePath = b.BasePath,
        Retries = b.Retries,
        ConnectTimeoutMs = b.ConnectTimeoutMs,
        ReadTimeoutMs = b.ReadTimeoutMs,
        WriteTimeoutMs = b.WriteTimeoutMs,
        Description = b.Description,
        ConcurrencyStamp = b.ConcurrencyStamp,
    };
}
