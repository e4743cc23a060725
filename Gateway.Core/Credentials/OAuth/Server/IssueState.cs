namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>What the token request decided, for the sign-in handlers that record the generated tokens.</summary>
internal sealed class IssueState
{
    public required OAuthClientInfo Client { get; init; }

    public required string Subject { get; init; }

    public string? UserName { get; init; }

    /// <summary>Whether a refresh token is issued (the client has the grant and the grant is not client_credentials).</summary>
    public required bool IssueRefresh { get; init; }

    /// <summary>The refresh token being rotated, if this is a refresh.</summary>
    public OAuthToken? Redeemed { get; init; }

    public string RefreshJti { get; } = NewJti();

    private static string NewJti() => Guid.NewGuid().ToString("N");
}
