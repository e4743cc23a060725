using System.Net;
using System.Text.Json;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class GroupsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Crud_RoundTrip_CreatesReadsUpdatesDeletes()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("grp");

        // Act
        using var created = await client.PostJsonAsync("/groups", new
        {
            name,
            alias = "Night batch",
            allowedDays = new[] { "monday", "friday" },
            allowedStartTime = "22:00:00",
            allowedEndTime = "06:00:00",
            timeZoneId = "Europe/Paris",
        });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var read = await client.GetApiAsync($"/groups/{id}");
        var readBody = await read.ReadJsonAsync();
        using var updated = await client.PutJsonAsync($"/groups/{id}", new { name, securityLevelId = 2, concurrencyStamp = readBody.GetProperty("concurrencyStamp").GetString() });
        var updatedBody = await updated.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/groups/{id}");
        using var gone = await client.GetApiAsync($"/groups/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/groups/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("D", body.GetProperty("securityLevelCode").GetString());
        Assert.Equal(["monday", "friday"], body.GetProperty("allowedDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("22:00:00", body.GetProperty("allowedStartTime").GetString());
        Assert.Equal("Europe/Paris", readBody.GetProperty("timeZoneId").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("B", updatedBody.GetProperty("securityLevelCode").GetString());
        Assert.Equal(7, updatedBody.GetProperty("allowedDays").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, updatedBody.GetProperty("allowedStartTime").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Create_BadFields_Returns400WithEveryField()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/groups", new
        {
            name = "has space",
            allowedDays = Array.Empty<string>(),
            allowedStartTime = "08:00:00",
            timeZoneId = "Mars/Olympus",
            securityLevelId = 999,
        });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        foreach (var field in new[] { "name", "allowedDays", "allowedEndTime", "timeZoneId", "securityLevelId" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
    }

    [Fact]
    public async Task Create_DuplicateName_Returns400OnName()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("dup");
        await client.CreateGroupAsync(name);

        // Act
        using var response = await client.PostJsonAsync("/groups", new { name = name.ToUpperInvariant() });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("already exists", Assert.Single(problem.FieldErrors("name")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SearchLevelFilterAndForRank_ReturnsMatches()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var stem = ApiHttp.UniqueName("lst");
        await client.CreateGroupAsync(stem + "-a", 1);
        await client.CreateGroupAsync(stem + "-c", 3);
        await client.CreateGroupAsync(stem + "-d", 4);

        // Act
        using var all = await client.GetApiAsync($"/groups?q={stem}");
        using var levelC = await client.GetApiAsync($"/groups?q={stem}&securityLevelId=3");
        using var forC = await client.GetApiAsync($"/groups?q={stem}&forRank=3");
        using var badRank = await client.GetApiAsync("/groups?forRank=0");

        // Assert
        Assert.Equal(3, (await all.ReadJsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal([stem + "-c"], (await levelC.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal([stem + "-c", stem + "-d"], (await forC.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.NotEmpty((await badRank.ReadProblemAsync(400)).FieldErrors("forRank"));
    }

    [Fact]
    public async Task Apis_AddThenRemove_MembershipFollows()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var groupId = await client.CreateGroupAsync(ApiHttp.UniqueName("apis"));
        var backend = await client.CreateBackendAsync();
        var api = await client.CreateApiAsync(backend.GetProperty("id").GetInt32());
        var apiId = api.GetProperty("id").GetInt32();

        // Act
        using var added = await client.PostJsonAsync($"/groups/{groupId}/apis", new { apiIds = new[] { apiId } });
        var addedBody = await added.ReadJsonAsync();
        using var unknown = await client.PostJsonAsync($"/groups/{groupId}/apis", new { apiIds = new[] { 999999 } });
        using var removed = await client.DeleteApiAsync($"/groups/{groupId}/apis/{apiId}");
        using var removedAgain = await client.DeleteApiAsync($"/groups/{groupId}/apis/{apiId}");
        using var missingGroup = await client.PostJsonAsync("/groups/999999/apis", new { apiIds = new[] { apiId } });

        // Assert
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal([apiId], addedBody.GetProperty("apiIds").EnumerateArray().Select(a => a.GetInt32()));
        Assert.NotEmpty((await unknown.ReadProblemAsync(400)).FieldErrors("apiIds"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await removedAgain.ReadProblemAsync(404);
        await missingGroup.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Delete_HeldByClient_Returns409ThenRemovesWithConfirmation()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var groupId = await client.CreateGroupAsync(ApiHttp.UniqueName("held"));
        var clientId = ApiHttp.UniqueName("partner");
        await factory.InsertClientAsync(clientId, 4, groupIds: [groupId]);

        // Act
        using var refused = await client.DeleteApiAsync($"/groups/{groupId}");
        using var confirmed = await client.DeleteApiAsync($"/groups/{groupId}?removeMemberships=true");

        // Assert
        var problem = await refused.ReadProblemAsync(409);
        Assert.Contains(clientId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
    }

    [Fact]
    public async Task Update_LevelAboveHoldingClient_Returns400ListingClient()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var groupId = await client.CreateGroupAsync(ApiHttp.UniqueName("lvl"), 3);
        var clientId = ApiHttp.UniqueName("c-client");
        await factory.InsertClientAsync(clientId, 3, groupIds: [groupId]);

        // Act
        using var response = await client.PutJsonAsync($"/groups/{groupId}", new { name = ApiHttp.UniqueName("lvl"), securityLevelId = 1 });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(clientId, Assert.Single(problem.FieldErrors("securityLevelId")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiDelete_ApiInGroup_Returns409UnlessRemoveMemberships()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var groupName = ApiHttp.UniqueName("owner");
        var groupId = await client.CreateGroupAsync(groupName);
        var backend = await client.CreateBackendAsync();
        var apiId = (await client.CreateApiAsync(backend.GetProperty("id").GetInt32())).GetProperty("id").GetInt32();
        using var added = await client.PostJsonAsync($"/groups/{groupId}/apis", new { apiIds = new[] { apiId } });

        // Act
        using var refused = await client.DeleteApiAsync($"/apis/{apiId}");
        using var confirmed = await client.DeleteApiAsync($"/apis/{apiId}?removeMemberships=true");

        // Assert
        var problem = await refused.ReadProblemAsync(409);
        Assert.Contains(groupName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
    }

    [Fact]
    public async Task Operator_ReadsButCannotWrite()
    {
        // Arrange
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var list = await client.GetApiAsync("/groups");
        using var create = await client.PostJsonAsync("/groups", new { name = ApiHttp.UniqueName("op") });
        using var delete = await client.DeleteApiAsync("/groups/1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await create.ReadProblemAsync(403);
        await delete.ReadProblemAsync(403);
    }
}
