using System.Net;
using System.Net.Http.Headers;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class AdminApiAuthenticationTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Get_NoToken_Returns401ProblemWithBearerChallenge()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);

        // Act
        using var response = await client.GetApiAsync("/backends");

        // Assert
        await response.ReadProblemAsync(401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Get_UnknownToken_Returns401InvalidToken()
    {
        // Arrange
        using var client = factory.CreateClient("amp_thisTokenDoesNotExist0000000000000000000");

        // Act
        using var response = await client.GetApiAsync("/backends");

        // Assert
        await response.ReadProblemAsync(401);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WrongBootstrapValue_Returns401()
    {
        // Arrange
        using var client = factory.CreateClient(ApiAppFactory.BootstrapToken + "x");

        // Act
        using var response = await client.GetApiAsync("/backends");

        // Assert
        await response.ReadProblemAsync(401);
    }

    [Fact]
    public async Task Get_BasicScheme_Returns401()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:x"u8.ToArray()));

        // Act
        using var response = await client.GetApiAsync("/backends");

        // Assert
        var problem = await response.ReadProblemAsync(401);
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TwoAuthorizationHeaders_Returns401()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiHttp.Prefix + "/backends");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + factory.AdminToken, "Bearer " + factory.AdminToken]);

        // Act
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        var problem = await response.ReadProblemAsync(401);
        Assert.Contains("exactly one", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AdminToken_Returns200()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/backends");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_RevokedToken_Returns401()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        using var created = await admin.PostJsonAsync("/tokens", new { name = "to-revoke" });
        var token = await created.ReadJsonAsync();
        using var client = factory.CreateClient(token.GetProperty("value").GetString());
        using var before = await client.GetApiAsync("/backends");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // Act
        using var revoked = await admin.DeleteApiAsync($"/tokens/{token.GetProperty("id").GetInt32()}");
        using var after = await client.GetApiAsync("/backends");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await after.ReadProblemAsync(401);
    }

    [Fact]
    public async Task Get_ConsoleCookieOnly_Returns401()
    {
        // Arrange
        var cookie = await factory.CreateConsoleCookieAsync();
        using var client = factory.CreateClient(token: null);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var cookieUser = await client.GetStringAsync(ApiAppFactory.CookieProbePath, TestContext.Current.CancellationToken);

        // Act
        using var response = await client.GetApiAsync("/backends");

        // Assert
        Assert.Equal("admin", cookieUser);
        await response.ReadProblemAsync(401);
    }

    [Fact]
    public async Task Post_ConsoleCookieOnly_Returns401AndCreatesNothing()
    {
        // Arrange
        var cookie = await factory.CreateConsoleCookieAsync();
        using var client = factory.CreateClient(token: null);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var name = ApiHttp.UniqueName("cookie");

        // Act
        using var response = await client.PostJsonAsync("/backends", new { name, host = "127.0.0.1", port = 80 });

        // Assert
        await response.ReadProblemAsync(401);
        using var admin = factory.CreateClient(factory.AdminToken);
        using var list = await admin.GetApiAsync($"/backends?q={name}");
        Assert.Equal(0, (await list.ReadJsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Get_OperatorToken_Returns200()
    {
        // Arrange
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var backends = await client.GetApiAsync("/backends");
        using var apis = await client.GetApiAsync("/apis");
        using var audit = await client.GetApiAsync("/audit");

        // Assert
        Assert.Equal(HttpStatusCode.OK, backends.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apis.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task Writes_OperatorToken_Return403AndChangeNothing()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var backend = await admin.CreateBackendAsync();
        var id = backend.GetProperty("id").GetInt32();
        var api = await admin.CreateApiAsync(id);
        var apiId = api.GetProperty("id").GetInt32();
        using var client = factory.CreateClient(factory.OperatorToken);
        var body = new { name = ApiHttp.UniqueName("op"), host = "127.0.0.1", port = 81 };

        // Act
        using var post = await client.PostJsonAsync("/backends", body);
        using var put = await client.PutJsonAsync($"/backends/{id}", body);
        using var delete = await client.DeleteApiAsync($"/backends/{id}");
        using var postApi = await client.PostJsonAsync("/apis", new { name = "x", displayName = "x", path = "/x", backendId = id });
        using var putApi = await client.PutJsonAsync($"/apis/{apiId}", new { name = "x", displayName = "x", path = "/x", backendId = id });
        using var deleteApi = await client.DeleteApiAsync($"/apis/{apiId}");

        // Assert
        await post.ReadProblemAsync(403);
        await put.ReadProblemAsync(403);
        await delete.ReadProblemAsync(403);
        await postApi.ReadProblemAsync(403);
        await putApi.ReadProblemAsync(403);
        await deleteApi.ReadProblemAsync(403);
        using var after = await admin.GetApiAsync($"/backends/{id}");
        Assert.Equal(backend.GetProperty("name").GetString(), (await after.ReadJsonAsync()).GetProperty("name").GetString());
        using var apiAfter = await admin.GetApiAsync($"/apis/{apiId}");
        Assert.Equal(HttpStatusCode.OK, apiAfter.StatusCode);
    }

    [Fact]
    public async Task Post_BootstrapToken_CreatesAndAuditsAsBootstrap()
    {
        // Arrange
        using var client = factory.CreateClient(ApiAppFactory.BootstrapToken);

        // Act
        var backend = await client.CreateBackendAsync();

        // Assert
        using var audit = await client.GetApiAsync($"/audit?entityType=Backend&entityId={backend.GetProperty("id").GetInt32()}");
        var row = (await audit.ReadJsonAsync()).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("bootstrap", row.GetProperty("actor").GetString());
        Assert.Equal("api", row.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Tokens_BootstrapToken_Returns403()
    {
        // Arrange
        using var client = factory.CreateClient(ApiAppFactory.BootstrapToken);

        // Act
        using var list = await client.GetApiAsync("/tokens");
        using var create = await client.PostJsonAsync("/tokens", new { name = "boot" });

        // Assert
        await list.ReadProblemAsync(403);
        await create.ReadProblemAsync(403);
    }
}
