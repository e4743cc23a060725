using ApiManager.Gateway.ApiUsers;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>Knows one API user: <see cref="UserName"/> / <see cref="Password"/> (id 42).</summary>
internal sealed class FakeResourceOwnerVerifier : IResourceOwnerVerifier
{
    public const string UserName = "alice";
    public const string Password = "Alice-Pass-1";
    public const int UserId = 42;

    public Task<ResourceOwner?> VerifyAsync(string userName, string password, CancellationToken cancellationToken) =>
        Task.FromResult(userName == UserName && password == Password ? new ResourceOwner(UserId, UserName, "Alice") : null);
}
