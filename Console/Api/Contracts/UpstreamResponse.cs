using ApiManager.Gateway.Upstreams;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>An upstream as the admin API returns it, with its health checks and targets.</summary>
internal sealed record UpstreamResponse(
    int Id,
    string Name,
    string Algorithm,
    string HashOn,
    string? HashOnHeader,
    string? HashOnCookie,
    string HashOnCookiePath,
    string? HashOnQueryArg,
    string HashFallback,
    string? HashFallbackHeader,
    string? HashFallbackQueryArg,
    int Slots,
    UpstreamHealthchecks Healthchecks,
    IReadOnlyList<UpstreamTargetResponse> Targets,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid ConcurrencyStamp)
{
    public static UpstreamResponse From(Upstream u) => new(
        u.Id, u.Name, u.Algorithm, u.HashOn, u.HashOnHeader, u.HashOnCookie, u.HashOnCookiePath, u.HashOnQueryArg, u.HashFallback,
        u.HashFallbackHeader, u.HashFallbackQueryArg, u.Slots, u.Healthchecks,
        [.. u.Targets.OrderBy(t => t.Target, StringComparer.Ordinal).Select(UpstreamTargetResponse.From)], u.CreatedAt, u.UpdatedAt, u.ConcurrencyStamp);
}
