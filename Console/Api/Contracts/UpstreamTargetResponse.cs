using ApiManager.Gateway.Upstreams;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>A target of an upstream.</summary>
internal sealed record UpstreamTargetResponse(int Id, string Target, int Weight, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static UpstreamTargetResponse From(UpstreamTarget t) => new(t.Id, t.Target, t.Weight, t.CreatedAt, t.UpdatedAt);
}
