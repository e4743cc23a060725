namespace ApiManager.Admin.Api.Contracts;

/// <summary>The result of purging an API's proxy cache.</summary>
/// <param name="ApiId">The API.</param>
/// <param name="Purged">How many cached responses were removed.</param>
public sealed record CachePurgeResponse(int ApiId, int Purged);
