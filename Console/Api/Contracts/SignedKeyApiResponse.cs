namespace ApiManager.Admin.Api.Contracts;

/// <summary>One API a signed key may call.</summary>
internal sealed record SignedKeyApiResponse(int Id, string? Name, string? Version);
