using ApiManager.Gateway.Apis.Diversion;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>The whole diversion list of an API (at most 5 rules, evaluated in order, first match wins).</summary>
internal sealed record ApiDiversionsRequest(IReadOnlyList<ApiDiversionRule?>? Rules);
