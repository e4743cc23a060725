using ApiManager.Gateway.Common;

namespace ApiManager.Gateway.Tests.Common;

public sealed class MembershipsTests
{
    [Fact]
    public void InUseMessage_ClientsAndScopes_ListsBothAndTotal()
    {
        // Arrange
        IReadOnlyList<string> clients = ["app-1", "app-2"];
        IReadOnlyList<string> scopes = ["orders:read"];

        // Act
        var message = Memberships.InUseMessage("API group", "g1", ("client", clients), ("scope", scopes));

        // Assert
        Assert.Equal("API group 'g1' is held by 2 client(s): app-1, app-2 and 1 scope(s): orders:read. Remove these 3 membership(s) first, or confirm removing them.", message);
    }

    [Fact]
    public void InUseMessage_NoScopes_LeavesThemOut()
    {
        // Act
        var message = Memberships.InUseMessage("API group", "g1", ("client", ["app-1"]), ("scope", []));

        // Assert
        Assert.Equal("API group 'g1' is held by 1 client(s): app-1. Remove these 1 membership(s) first, or confirm removing them.", message);
    }

    [Fact]
    public async Task RequireExistingAsync_Duplicates_ReturnsDistinctIds()
    {
        // Act
        var wanted = await Memberships.RequireExistingAsync([3, 1, 3], ids => Task.FromResult(ids), "apiIds", "Choose one.", "API");

        // Assert
        Assert.Equal([3, 1], wanted);
    }

    [Fact]
    public async Task RequireExistingAsync_Empty_RefusedOnFieldWithoutLookingUp()
    {
        // Arrange
        var looked = false;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => Memberships.RequireExistingAsync([], ids =>
        {
            looked = true;
            return Task.FromResult(ids);
        }, "apiIds", "Choose one.", "API"));

        // Assert
        Assert.Equal(["Choose one."], error.Errors["apiIds"]);
        Assert.False(looked);
    }

    [Fact]
    public async Task RequireExistingAsync_UnknownIds_RefusedListingThem()
    {
        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() =>
            Memberships.RequireExistingAsync([1, 7, 9], _ => Task.FromResult(new List<int> { 1 }), "groupIds", "Choose one.", "API group"));

        // Assert
        Assert.Equal(["No API group with id 7, 9."], error.Errors["groupIds"]);
    }
}
