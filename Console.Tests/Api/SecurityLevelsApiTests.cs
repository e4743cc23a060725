using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class SecurityLevelsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task List_Seeded_ReturnsAThroughDByRank()
    {
        // Arrange
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var response = await client.GetApiAsync("/security-levels?q=level");
        var body = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = body.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("code").GetString()).ToList();
        Assert.Equal(["A", "B", "C", "D"], codes.Where(c => c!.Length == 1));
    }

    [Fact]
    public async Task Crud_RoundTrip_CreatesUpdatesSetsDefaultAndDeletes()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var created = await client.PostJsonAsync("/security-levels", new { code = "E1", name = "Level E", rank = 11 });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var updated = await client.PutJsonAsync($"/security-levels/{id}", new { code = "E1", name = "Level E renamed", rank = 12, concurrencyStamp = body.GetProperty("concurrencyStamp").GetString() });
        using var made = await client.PostJsonAsync($"/security-levels/{id}/default", new { });
        using var refusedDefault = await client.DeleteApiAsync($"/security-levels/{id}");
        using var back = await client.PostJsonAsync("/security-levels/4/default", new { });
        using var deleted = await client.DeleteApiAsync($"/security-levels/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(body.GetProperty("isSystem").GetBoolean());
        Assert.Equal(12, (await updated.ReadJsonAsync()).GetProperty("rank").GetInt32());
        Assert.True((await made.ReadJsonAsync()).GetProperty("isDefault").GetBoolean());
        await refusedDefault.ReadProblemAsync(409);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Create_BadAndDuplicateFields_Returns400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var bad = await client.PostJsonAsync("/security-levels", new { code = "x y", name = "", rank = 0 });
        using var duplicate = await client.PostJsonAsync("/security-levels", new { code = "b", name = "B again", rank = 1 });
        using var wrongType = await client.PostJsonAsync("/security-levels", new { code = "F", name = "F", rank = "5" });

        // Assert
        var problem = await bad.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("code"));
        Assert.NotEmpty(problem.FieldErrors("name"));
        Assert.NotEmpty(problem.FieldErrors("rank"));
        var dup = await duplicate.ReadProblemAsync(400);
        Assert.NotEmpty(dup.FieldErrors("code"));
        Assert.NotEmpty(dup.FieldErrors("rank"));
        await wrongType.ReadProblemAsync(400);
    }

    [Fact]
    public async Task Delete_SystemOrUsedLevel_Returns409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        using var created = await client.PostJsonAsync("/security-levels", new { code = "G1", name = "G", rank = 21 });
        var levelId = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        var groupName = ApiHttp.UniqueName("at-g");
        await client.CreateGroupAsync(groupName, levelId);

        // Act
        using var system = await client.DeleteApiAsync("/security-levels/1");
        using var used = await client.DeleteApiAsync($"/security-levels/{levelId}");
        using var missing = await client.DeleteApiAsync("/security-levels/999999");

        // Assert
        await system.ReadProblemAsync(409);
        Assert.Contains(groupName, (await used.ReadProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await missing.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Operator_CannotWrite()
    {
        // Arrange
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var create = await client.PostJsonAsync("/security-levels", new { code = "OP", name = "op", rank = 31 });
        using var setDefault = await client.PostJsonAsync("/security-levels/1/default", new { });

        // Assert
        await create.ReadProblemAsync(403);
        await setDefault.ReadProblemAsync(403);
    }
}
