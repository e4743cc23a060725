using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class TokensApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Create_ReturnsValueOnce_ListShowsOnlyPrefix()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("ci");

        // Act
        using var created = await client.PostJsonAsync("/tokens", new { name });
        var token = await created.ReadJsonAsync();
        using var list = await client.GetApiAsync("/tokens");
        var listText = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var withNewToken = factory.CreateClient(token.GetProperty("value").GetString());
        using var call = await withNewToken.GetApiAsync("/backends");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var value = token.GetProperty("value").GetString()!;
        Assert.StartsWith("amp_", value, StringComparison.Ordinal);
        Assert.Contains(name, listText, StringComparison.Ordinal);
        Assert.Contains(value[..10], listText, StringComparison.Ordinal);
        Assert.DoesNotContain(value, listText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task List_OperatorToken_ShowsOnlyOwnTokens()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var adminTokenName = ApiHttp.UniqueName("admin-only");
        using var created = await admin.PostJsonAsync("/tokens", new { name = adminTokenName });
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var list = await client.GetApiAsync("/tokens");
        var items = (await list.ReadJsonAsync()).EnumerateArray().ToList();

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEmpty(items);
        Assert.DoesNotContain(items, t => t.GetProperty("name").GetString() == adminTokenName);
    }

    [Theory]
    [InlineData("{\"name\": \"\"}", "name")]
    [InlineData("{\"name\": \"old\", \"expiresAt\": \"2000-01-01T00:00:00Z\"}", "expiresAt")]
    public async Task Create_InvalidInput_Returns400FieldError(string json, string field)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostAsync(ApiHttp.Prefix + "/tokens", ApiHttp.Json(json), TestContext.Current.CancellationToken);

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Revoke_OtherUsersToken_Returns404AndTokenStillWorks()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        using var created = await admin.PostJsonAsync("/tokens", new { name = ApiHttp.UniqueName("keep") });
        var token = await created.ReadJsonAsync();
        using var operatorClient = factory.CreateClient(factory.OperatorToken);

        // Act
        using var response = await operatorClient.DeleteApiAsync($"/tokens/{token.GetProperty("id").GetInt32()}");

        // Assert
        await response.ReadProblemAsync(404);
        using var stillWorks = factory.CreateClient(token.GetProperty("value").GetString());
        using var call = await stillWorks.GetApiAsync("/backends");
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }
}
