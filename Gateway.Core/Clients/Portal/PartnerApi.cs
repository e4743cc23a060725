using ApiManager.Gateway.Apis;

namespace ApiManager.Gateway.Clients.Portal;

/// <summary>An API a partner may call, as listed in the portal.</summary>
public sealed record PartnerApi(int Id, string Name, string DisplayName, string Version, string Path, IReadOnlyList<string> Methods, ApiStatus Status);
