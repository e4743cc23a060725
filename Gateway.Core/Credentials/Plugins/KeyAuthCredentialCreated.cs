namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>A new key-auth credential and its key, which is shown this once and never stored.</summary>
public sealed record KeyAuthCredentialCreated(KeyAuthCredential Credential, string Key);
