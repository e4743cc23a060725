namespace ApiManager.Gateway.ApiUsers;

/// <summary>
/// Checks a resource owner's user name and password for the OAuth password grant (and the authorization-code sign-in)
/// against the product's API users.
/// </summary>
internal interface IResourceOwnerVerifier
{
    /// <summary>
    /// The user when the name and password match an enabled API user; otherwise null (never says which part was wrong).
    /// Does not look at the asking client: check <see cref="ResourceOwner.IsClientAllowed"/>, or call the overload with
    /// the client ID.
    /// </summary>
    Task<ResourceOwner?> VerifyAsync(string userName, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="VerifyAsync(string, string, CancellationToken)"/>, and null as well when the user is restricted to
    /// clients that do not include <paramref name="clientId"/> (the asking client's Client ID).
    /// </summary>
    async Task<ResourceOwner?> VerifyAsync(string userName, string password, string clientId, CancellationToken cancellationToken)
    {
        var owner = await VerifyAsync(userName, password, cancellationToken);
        return owner is not null && owner.IsClientAllowed(clientId) ? owner : null;
    }

    /// <summary>
    /// True when API user <paramref name="userId"/> still exists, is enabled and not locked, and may use the client with
    /// Client ID <paramref name="clientId"/>: a refresh of a user token asks this, so disabling a user ends its sessions.
    /// </summary>
    Task<bool> IsActiveAsync(int userId, string clientId, CancellationToken cancellationToken);
}
