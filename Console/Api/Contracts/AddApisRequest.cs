namespace ApiManager.Admin.Api.Contracts;

/// <summary>APIs to add to a group.</summary>
internal sealed record AddApisRequest(IReadOnlyList<int>? ApiIds);
