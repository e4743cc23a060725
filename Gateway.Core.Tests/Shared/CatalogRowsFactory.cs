using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>Catalog rows for snapshot tests, valid unless a test breaks them.</summary>
internal static class CatalogRowsFactory
{
    public static readonly DateTime UpdatedAt = new(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc);

    public static Backend Backend(int id = 1, string host = "127.0.0.1", int port = 9000, string basePath = "") => new()
    {
        Id = id,
        Name = "backend-" + id,
        Host = host,
        Port = port,
        BasePath = basePath,
        ConnectTimeoutMs = 1500,
        ReadTimeoutMs = 2500,
        WriteTimeoutMs = 3500,
        Retries = 2,
    };

    public static ApiDefinition Api(int id, string path, int backendId = 1) => new()
    {
        Id = id,
        Name = "api" + id,
        Version = "v1",
        DisplayName = "API " + id,
        Path = path,
        BackendId = backendId,
        UpdatedAt = UpdatedAt,
        CreatedAt = UpdatedAt,
    };
}
