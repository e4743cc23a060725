using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class ScopesApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Crud_RoundTrip_CreatesSearchesUpdatesDeletes()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("orders:read");

        // Act
        using var created = await client.PostJsonAsync("/scopes", new { name, description = "Read orders" });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var search = await client.GetApiAsync($"/scopes?q={Uri.EscapeDataString(name)}");
        using var updated = await client.PutJsonAsync($"/scopes/{id}", new { name, description = "Changed", concurrencyStamp = body.GetProperty("concurrencyStamp").GetString() });
        using var stale = await client.PutJsonAsync($"/scopes/{id}", new { name, concurrencyStamp = body.GetProperty("concurrencyStamp").GetString() });
        using var deleted = await client.DeleteApiAsync($"/scopes/{id}");
        using var gone = await client.GetApiAsync($"/scopes/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, (await search.ReadJsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal("Changed", (await updated.ReadJsonAsync()).GetProperty("description").GetString());
        await stale.ReadProblemAsync(409);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("")]
    public async Task Create_BadName_Returns400OnName(string name)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/scopes", new { name });

        // Assert
        Assert.NotEmpty((await response.ReadProblemAsync(400)).FieldErrors("name"));
    }

    [Fact]
    public async Task Groups_AddRemoveAndHeldDelete_FollowRules()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        using var created = await client.PostJsonAsync("/scopes", new { name = ApiHttp.UniqueName("s") });
        var scopeId = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        var groupId = await client.CreateGroupAsync(ApiHttp.UniqueName("sg"));
        var clientId = ApiHttp.UniqueName("holder");
        await factory.InsertClientAsync(clientId, 4, scopeIds: [scopeId]);

        // Act
        using var added = await client.PostJsonAsync($"/scopes/{scopeId}/groups", new { groupIds = new[] { groupId } });
        using var unknown = await client.PostJsonAsync($"/scopes/{scopeId}/groups", new { groupIds = new[] { 999999 } });
        using var groupRefused = await client.DeleteApiAsync($"/groups/{groupId}");
        using var removed = await client.DeleteApiAsync($"/scopes/{scopeId}/groups/{groupId}");
        using var refused = await client.DeleteApiAsync($"/scopes/{scopeId}");
        using var confirmed = await client.DeleteApiAsync($"/scopes/{scopeId}?removeMemberships=true");

        // Assert
        Assert.Equal([groupId], (await added.ReadJsonAsync()).GetProperty("groupIds").EnumerateArray().Select(g => g.GetInt32()));
        Assert.NotEmpty((await unknown.ReadProblemAsync(400)).FieldErrors("groupIds"));
        await groupRefused.ReadProblemAsync(409);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Contains(clientId, (await refused.ReadProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
    }

    [Fact]
    public async Task Operator_ReadsButCannotWrite()
    {
        // Arrange
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var list = await client.GetApiAsync("/scopes");
        using var create = await client.PostJsonAsync("/scopes", new { name = ApiHttp.UniqueName("op") });

        // Assert
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await create.ReadProblemAsync(403);
    }
}
