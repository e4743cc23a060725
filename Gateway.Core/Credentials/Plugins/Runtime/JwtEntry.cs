using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>A JWT credential as the gateway knows it (the secret stays encrypted until first use).</summary>
internal sealed record JwtEntry(int Id, ClientEntry Client, string Key, JwtAlgorithm Algorithm, string? ProtectedSecret, string? PublicKeyPem);
