using ApiManager.Gateway.Backends;

namespace ApiManager.Admin.Model;

/// <summary>The editable state of the backend form (mutable for binding); converts to <see cref="BackendInput"/>.</summary>
public sealed class BackendForm
{
    public string Name { get; set; } = "";
    public BackendProtocol Protocol { get; set; } = BackendProtocol.Http;
    public string Host { get; set; } = "";
    public int Port { get; set; } = 80;
    public string? BasePath { get; set; }
    public int Retries { get; set; } = Backend.DefaultRetries;
    public int ConnectTimeoutMs { get; set; } = Backend.DefaultTimeoutMs;
    public int ReadTimeoutMs { get; set; } = Backend.DefaultTimeoutMs;
    public int WriteTimeoutMs { get; set; } = Backend.DefaultTimeoutMs;
    public string? Description { get; set; }
    public Guid? ConcurrencyStamp { get; set; }

    public static BackendForm From(Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return new BackendForm
        {
            Name = backend.Name,
            Protocol = backend.Protocol,
            Host = backend.Host,
            Port = backend.Port,
            BasePath = backend.BasePath,
            Retries = backend.Retries,
            ConnectTimeoutMs = backend.ConnectTimeoutMs,
            ReadTimeoutMs = backend.ReadTimeoutMs,
            WriteTimeoutMs = backend.WriteTimeoutMs,
            Description = backend.Description,
            ConcurrencyStamp = backend.ConcurrencyStamp,
        };
    }

    public BackendInput ToInput() => new()
    {
        Name = Name,
        Protocol = Protocol,
        Host = Host,
        Port = Port,
        BasePath = BasePath,
        Retries = Retries,
        ConnectTimeoutMs = ConnectTimeoutMs,
        ReadTimeoutMs = ReadTimeoutMs,
        WriteTimeoutMs = WriteTimeoutMs,
        Description = Description,
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
