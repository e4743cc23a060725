using ApiManager.Gateway.ApiUsers;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>
/// Knows two API users: <see cref="UserName"/> / <see cref="Password"/> (id 42, any client) and
/// <see cref="RestrictedUserName"/> / <see cref="Password"/> (id 43, only the client <see cref="RestrictedToClientId"/>).
/// </summary>
internal sealed class FakeResourceOwnerVerifier : IResourceOwnerVerifier
{
    public const string UserName = "alice";
    public const string Password = "Alice-Pass-1";
    public const int UserId = 42;
    public const string RestrictedUserName = "bob";
    public const string RestrictedToClientId = "only-this-client";

    public Task<ResourceOwner?> VerifyAsync(string userName, string password, CancellationToken cancellationToken) =>
        Task.FromResult(password != Password ? null : userName switch
        {
            UserName => new ResourceOwner(UserId, UserName, "Alice"),
            RestrictedUserName => new ResourceOwner(43, RestrictedUserName, "Bob", [RestrictedToClientId]),
            _ => null,
        });
}
