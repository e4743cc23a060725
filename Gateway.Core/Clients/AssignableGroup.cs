namespace ApiManager.Gateway.Clients;

/// <summary>A group a client may be given (its level ranks the same as or below the client's), for pickers.</summary>
public sealed record AssignableGroup(int Id, string Name, string? Alias, string LevelCode, int LevelRank);
