namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>A group of an X-Api-Key, or one the client's keys may be given.</summary>
public sealed record XApiKeyGroupRef(int Id, string Name, string? Alias);
