namespace ApiManager.Admin.Api.Contracts;

/// <summary>A security level as shown on a client or group.</summary>
internal sealed record ClientLevelResponse(int Id, string Code, int Rank);
