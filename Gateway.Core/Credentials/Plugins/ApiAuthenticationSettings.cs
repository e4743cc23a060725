namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>An API's authentication settings: the credential types it accepts, forwarding, and the plugin options.</summary>
public sealed record ApiAuthenticationSettings
{
    /// <summary>The API (read only; ignored on update).</summary>
    public int ApiId { get; init; }

    /// <summary>Whether the API is public (read only; set on the API itself). A public API needs no credential.</summary>
    public bool IsPublic { get; init; }

    public CredentialTypes AcceptedCredentials { get; init; } = CredentialTypes.Default;

    /// <summary>
    /// Master switch: when false every credential is removed before forwarding. When true a credential reaches the
    /// backend unless its plugin's <c>HideCredentials</c> (key-auth, basic-auth) is set.
    /// </summary>
    public bool ForwardCredentials { get; init; }

    public KeyAuthOptions KeyAuth { get; init; } = new();

    public BasicAuthOptions BasicAuth { get; init; } = new();

    public JwtOptions Jwt { get; init; } = new();

    /// <summary>The API's stamp when read; a mismatch on update means someone else changed the API.</summary>
    public Guid? ConcurrencyStamp { get; init; }
}
