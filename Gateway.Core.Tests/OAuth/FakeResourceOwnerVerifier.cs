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

    /// <summary>A user only the disable test uses (id 44), so disabling it never disturbs other tests.</summary>
    public const string DisposableUserName = "dave";
    public const int DisposableUserId = 44;

    /// <summary>Ids of users an admin has disabled since their tokens were issued.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<int, bool> Disabled { get; } = new();

    public Task<ResourceOwner?> VerifyAsync(string userName, string password, CancellationToken cancellationToken) =>
        Task.FromResult(password != Password ? null : userName switch
        {
            UserName => new ResourceOwner(UserId, UserName, "Alice"),
            RestrictedUserName => new ResourceOwner(43, RestrictedUserName, "Bob", [RestrictedToClientId]),
            DisposableUserName when !Disabled.ContainsKey(DisposableUserId) => new ResourceOwner(DisposableUserId, DisposableUserName, "Dave"),
            _ => null,
        });

    public Task<bool> IsActiveAsync(int userId, string clientId, CancellationToken cancellationToken) =>
        Task.FromResult(!Disabled.ContainsKey(userId) && (userId != 43 || clientId == RestrictedToClientId));
}
