namespace ApiManager.Gateway.Clients.Portal;

/// <summary>A group a partner holds, directly and/or through scopes (<see cref="ViaScopes"/>), with its APIs.</summary>
public sealed record PartnerGroup(int Id, string Name, string? Alias, string SecurityLevel, bool Direct, IReadOnlyList<string> ViaScopes, IReadOnlyList<PartnerApi> Apis);
