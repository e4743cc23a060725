namespace ApiManager.Admin.Api.Contracts;

/// <summary>A scope a client holds or may be given.</summary>
internal sealed record ClientScopeResponse(int Id, string Name);
