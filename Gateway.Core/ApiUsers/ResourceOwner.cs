namespace ApiManager.Gateway.ApiUsers;

/// <summary>An authenticated API user, as tokens name it: <c>sub</c> is <see cref="Id"/> as text, the user name is carried too.</summary>
/// <param name="Id">Database id.</param>
/// <param name="UserName">Sign-in name.</param>
/// <param name="DisplayName">Name shown on consent screens.</param>
/// <param name="AllowedClientIds">Client IDs that may use the password grant for this user; null = any client.</param>
internal sealed record ResourceOwner(int Id, string UserName, string DisplayName, IReadOnlyList<string>? AllowedClientIds = null)
{
    /// <summary>True when the client with Client ID <paramref name="clientId"/> may obtain tokens for this user.</summary>
    public bool IsClientAllowed(string clientId) =>
        AllowedClientIds is null || (clientId is not null && AllowedClientIds.Contains(clientId, StringComparer.OrdinalIgnoreCase));
}
