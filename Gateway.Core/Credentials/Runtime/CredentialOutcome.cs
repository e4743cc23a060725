using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Credentials.Runtime;

/// <summary>What a credential handler found: an error, or the client with what the credential restricts it to.</summary>
internal readonly record struct CredentialOutcome
{
    /// <summary>Set when the credential was refused.</summary>
    public GatewayError? Error { get; init; }

    /// <summary>The client the credential belongs to (null only with <see cref="Error"/>).</summary>
    public ClientEntry? Client { get; init; }

    /// <summary>Identifies the credential without revealing it (sent as <c>X-Credential-Identifier</c>): a key's mask, a token's jti.</summary>
    public string? CredentialId { get; init; }

    /// <summary>The groups the credential carries (an X-Api-Key's groups, a token's scope); null: all the client's groups.</summary>
    public IReadOnlySet<int>? AllowedGroups { get; init; }

    /// <summary>The resource owner of a password or authorization-code token, if any.</summary>
    public string? Subject { get; init; }

    /// <summary>True when the handler already ran the client status and access checks (HTTP Basic does, for lockout order).</summary>
    public bool ClientChecked { get; init; }

    /// <summary>The handler's own entry (token, key) for <see cref="ICredentialHandler.Consume"/>.</summary>
    public object? State { get; init; }

    public static CredentialOutcome Fail(GatewayError error) => new() { Error = error };
}
