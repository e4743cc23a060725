namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>A new JWT credential and, for HS* algorithms, its secret, which is shown this once.</summary>
public sealed record JwtCredentialCreated(JwtCredential Credential, string? Secret);
