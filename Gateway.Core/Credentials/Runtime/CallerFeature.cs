using ApiManager.Gateway.Clients.Runtime;

namespace ApiManager.Gateway.Credentials.Runtime;

/// <summary>Who called, set on <c>HttpContext.Features</c> once a credential passed (read by later pipeline stages).</summary>
internal sealed class CallerFeature(ClientEntry client, CredentialTypes type, string? credentialId, string? subject)
{
    public ClientEntry Client { get; } = client;

    public CredentialTypes Type { get; } = type;

    /// <summary>The credential's identifier, never its secret.</summary>
    public string? CredentialId { get; } = credentialId;

    /// <summary>The resource owner of a user token.</summary>
    public string? Subject { get; } = subject;
}
