using ApiManager.Gateway.Apis;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>Body of <c>POST /apis/batch-status</c>: the APIs to change and their new status.</summary>
internal sealed record BatchStatusRequest(IReadOnlyList<int>? Ids, ApiStatus? Status);
