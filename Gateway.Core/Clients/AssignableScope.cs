namespace ApiManager.Gateway.Clients;

/// <summary>A scope a client may be given (none of its groups ranks above the client's level), for pickers.</summary>
public sealed record AssignableScope(int Id, string Name, string? Description);
