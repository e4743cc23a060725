namespace ApiManager.Admin.Api.Contracts;

/// <summary>API groups to add to a scope.</summary>
internal sealed record AddGroupsRequest(IReadOnlyList<int>? GroupIds);
