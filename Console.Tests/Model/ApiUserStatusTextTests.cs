using ApiManager.Admin.Model;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Clients;

namespace ApiManager.Admin.Tests.Model;

public sealed class ApiUserStatusTextTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<ApiUserStatus, DateTime?, string> Statuses() => new()
    {
        { ApiUserStatus.Enabled, null, "Enabled" },
        { ApiUserStatus.Disabled, null, "Disabled" },
        { ApiUserStatus.Locked, Now.AddMinutes(5), "Locked until 2026-11-22 12:05:00 UTC" },
        { ApiUserStatus.Locked, Now, "Enabled (lockout ended)" },
        { ApiUserStatus.Locked, null, "Locked until unlocked" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Of_Status_ReadsAsExpected(ApiUserStatus status, DateTime? lockedUntil, string expected)
    {
        // Arrange
        var user = User();
        user.Status = status;
        user.LockedUntil = lockedUntil;

        // Act
        var text = ApiUserStatusText.Of(user, Now);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Clients_Unrestricted_AnyClient()
    {
        // Act + Assert
        Assert.Equal("Any client", ApiUserStatusText.Clients(User()));
    }

    [Fact]
    public void Clients_RestrictedWithClients_ListsThemSorted()
    {
        // Arrange
        var user = User();
        user.RestrictedToClients = true;
        user.Clients.Add(new ApiUserClient { Client = Client("zeta") });
        user.Clients.Add(new ApiUserClient { Client = Client("alpha") });

        // Act
        var text = ApiUserStatusText.Clients(user);

        // Assert
        Assert.Equal("alpha, zeta", text);
    }

    [Fact]
    public void Clients_RestrictedButAllClientsDeleted_SaysNoClient()
    {
        // Arrange
        var user = User();
        user.RestrictedToClients = true;

        // Act
        var text = ApiUserStatusText.Clients(user);

        // Assert
        Assert.StartsWith("No client", text, StringComparison.Ordinal);
    }

    private static ApiUser User() => new() { UserName = "alice", DisplayName = "Alice", PasswordHash = "h" };

    private static ApiClient Client(string clientId) => new() { ClientId = clientId, ClientName = clientId, DisplayName = clientId, PasswordHash = "h", Note = "n" };
}
