using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>A key-auth key as the gateway knows it: its client and mask (sent as <c>X-Credential-Identifier</c>).</summary>
internal sealed record KeyAuthEntry(ClientEntry Client, string Mask);
