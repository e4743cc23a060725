using ApiManager.Gateway.Apis.Diversion;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>An API's diversion rules in evaluation order.</summary>
internal sealed record ApiDiversionsResponse(int ApiId, IReadOnlyList<ApiDiversionRule> Rules)
{
    public static ApiDiversionsResponse From(int apiId, IReadOnlyList<ApiIpDiversion> rows) => new(apiId, [.. rows.Select(ApiDiversionRule.From)]);
}
