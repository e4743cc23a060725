using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>
/// A key-auth key as the gateway knows it: its client and identifier (the credential's id, sent as
/// <c>X-Credential-Identifier</c> like Kong's credential id; the mask's ellipsis is not a valid header character).
/// </summary>
internal sealed record KeyAuthEntry(ClientEntry Client, string Identifier);
