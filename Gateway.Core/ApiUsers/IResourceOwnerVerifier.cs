namespace ApiManager.Gateway.ApiUsers;

/// <summary>
/// Checks a resource owner's user name and password for the OAuth password grant (and the authorization-code sign-in)
/// against the product's API users.
/// </summary>
internal interface IResourceOwnerVerifier
{
    /// <summary>The user when the name and password match an enabled API user; otherwise null (never says which part was wrong).</summary>
    Task<ResourceOwner?> VerifyAsync(string userName, string password, CancellationToken cancellationToken);
}
