using ApiManager.Gateway.Backends;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A backend as the admin API returns it.</summary>
internal sealed record BackendResponse(
    int Id,
    string Name,
    BackendProtocol Protocol,
    string Host,
    int Port,
    string BasePath,
    int Retries,
    int ConnectTimeoutMs,
    int ReadTimeoutMs,
    int WriteTimeoutMs,
    string? Description,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    public static BackendResponse From(Backend b) => new(
        b.Id, b.Name, b.Protocol, b.Host, b.Port, b.BasePath, b.Retries, b.ConnectTimeoutMs, b.ReadTimeoutMs, b.WriteTimeoutMs,
        b.Description, b.CreatedAt, b.UpdatedAt, b.ConcurrencyStamp);
}
