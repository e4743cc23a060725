using System.Net;
using System.Text.Json;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.ApiUsers;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

public sealed class ApiUsersApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    private const string Password = "Sup3r secret!";

    [Fact]
    public async Task Crud_RoundTrip_NeverReturnsPasswordOrHash()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("crud");
        var clientId = await CreateClientAsync(client);

        // Act
        using var created = await client.PostJsonAsync("/api-users", Body(name, new { email = name + "@example.com", allowedClients = new[] { clientId } }));
        var createdText = await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var read = await client.GetApiAsync($"/api-users/{id}");
        var readBody = await read.ReadJsonAsync();
        using var updated = await client.PutJsonAsync($"/api-users/{id}", new
        {
            userName = name,
            displayName = "Renamed",
            allowedClients = Array.Empty<string>(),
            concurrencyStamp = readBody.GetProperty("concurrencyStamp").GetString(),
        });
        var updatedText = await updated.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var updatedBody = await updated.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/api-users/{id}");
        using var gone = await client.GetApiAsync($"/api-users/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/api-users/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("enabled", body.GetProperty("status").GetString());
        Assert.Equal([clientId], body.GetProperty("allowedClients").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("restrictedToClients").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Renamed", updatedBody.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, updatedBody.GetProperty("email").ValueKind);
        Assert.Empty(updatedBody.GetProperty("allowedClients").EnumerateArray());
        ApiHttp.AssertNoPasswordMaterial(createdText, updatedText, readBody.GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Create_BadFields_Returns400WithFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/api-users", new
        {
            userName = "x y",
            displayName = "",
            email = "nope",
            password = "short",
            confirmPassword = "other",
            allowedClients = new[] { "no-such-client-" + Guid.NewGuid().ToString("N") },
        });
        var problem = await response.ReadProblemAsync(400);

        // Assert
        foreach (var field in new[] { "userName", "displayName", "email", "password", "confirmPassword", "allowedClients" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
    }

    [Theory]
    [InlineData("{\"userName\": 5}")]
    [InlineData("{\"userName\": \"abc\", \"allowedClients\": \"not-a-list\"}")]
    [InlineData("not json")]
    public async Task Create_MalformedBody_Returns400Problem(string json)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostAsync(ApiHttp.Prefix + "/api-users", ApiHttp.Json(json), TestContext.Current.CancellationToken);

        // Assert
        await response.ReadProblemAsync(400);
    }

    [Fact]
    public async Task Create_DuplicateUserNameOtherCase_Returns400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("dup");
        await CreateAsync(client, name);

        // Act
        using var second = await client.PostJsonAsync("/api-users", Body(name.ToUpperInvariant()));
        var problem = await second.ReadProblemAsync(400);

        // Assert
        Assert.Contains("already exists", problem.FieldErrors("userName").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_StaleStamp_Returns409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("stale");
        var id = await CreateAsync(client, name);

        // Act
        using var response = await client.PutJsonAsync($"/api-users/{id}", new { userName = name, displayName = "X", concurrencyStamp = Guid.NewGuid() });

        // Assert
        await response.ReadProblemAsync(409);
    }

    [Fact]
    public async Task PasswordAndStatusActions_ChangeWhatTheVerifierAccepts()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("act");
        var id = await CreateAsync(client, name);
        var verifier = factory.Services.GetRequiredService<IResourceOwnerVerifier>();
        var ct = TestContext.Current.CancellationToken;

        // Act
        using var badPassword = await client.PutJsonAsync($"/api-users/{id}/password", new { password = name, confirmPassword = name });
        using var password = await client.PutJsonAsync($"/api-users/{id}/password", new { password = "An0ther secret", confirmPassword = "An0ther secret" });
        var afterPassword = await verifier.VerifyAsync(name, "An0ther secret", ct);
        using var disable = await client.PostAsync($"{ApiHttp.Prefix}/api-users/{id}/disable", null, ct);
        var disabledBody = await disable.ReadJsonAsync();
        var whileDisabled = await verifier.VerifyAsync(name, "An0ther secret", ct);
        using var enable = await client.PostAsync($"{ApiHttp.Prefix}/api-users/{id}/enable", null, ct);
        for (var i = 0; i < 5; i++)
        {
            await verifier.VerifyAsync(name, "wrong password", ct);
        }

        using var lockedRead = await client.GetApiAsync($"/api-users/{id}");
        var lockedBody = await lockedRead.ReadJsonAsync();
        using var unlock = await client.PostAsync($"{ApiHttp.Prefix}/api-users/{id}/unlock", null, ct);
        var unlockedBody = await unlock.ReadJsonAsync();
        var afterUnlock = await verifier.VerifyAsync(name, "An0ther secret", ct);

        // Assert
        Assert.NotEmpty((await badPassword.ReadProblemAsync(400)).FieldErrors("password"));
        Assert.Equal(HttpStatusCode.NoContent, password.StatusCode);
        Assert.NotNull(afterPassword);
        Assert.Equal("disabled", disabledBody.GetProperty("status").GetString());
        Assert.Null(whileDisabled);
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal("locked", lockedBody.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, lockedBody.GetProperty("lockedUntil").ValueKind);
        Assert.Equal("enabled", unlockedBody.GetProperty("status").GetString());
        Assert.NotNull(afterUnlock);
    }

    [Fact]
    public async Task List_SearchStatusAndPaging()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var stem = ApiHttp.UniqueName("srch");
        await CreateAsync(client, stem + "-1");
        var second = await CreateAsync(client, stem + "-2");
        using var disable = await client.PostAsync($"{ApiHttp.Prefix}/api-users/{second}/disable", null, TestContext.Current.CancellationToken);

        // Act
        using var disabled = await client.GetApiAsync($"/api-users?q={stem}&status=disabled");
        using var paged = await client.GetApiAsync($"/api-users?q={stem}&pageSize=1&page=2");
        using var badStatus = await client.GetApiAsync("/api-users?status=gone");
        using var badPage = await client.GetApiAsync("/api-users?page=0&pageSize=500");
        var disabledBody = await disabled.ReadJsonAsync();
        var pagedBody = await paged.ReadJsonAsync();

        // Assert
        Assert.Equal([stem + "-2"], disabledBody.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("userName").GetString()));
        Assert.Equal(2, pagedBody.GetProperty("total").GetInt32());
        Assert.Equal([stem + "-2"], pagedBody.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("userName").GetString()));
        Assert.NotEmpty((await badStatus.ReadProblemAsync(400)).FieldErrors("status"));
        var pageProblem = await badPage.ReadProblemAsync(400);
        Assert.NotEmpty(pageProblem.FieldErrors("page"));
        Assert.NotEmpty(pageProblem.FieldErrors("pageSize"));
    }

    [Fact]
    public async Task Writes_OperatorToken_Return403_ReadsAllowed()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("op");
        var id = await CreateAsync(admin, name);
        using var client = factory.CreateClient(factory.OperatorToken);
        var ct = TestContext.Current.CancellationToken;

        // Act
        using var list = await client.GetApiAsync("/api-users");
        using var read = await client.GetApiAsync($"/api-users/{id}");
        using var create = await client.PostJsonAsync("/api-users", Body(ApiHttp.UniqueName("op2")));
        using var update = await client.PutJsonAsync($"/api-users/{id}", new { userName = name, displayName = "X" });
        using var delete = await client.DeleteApiAsync($"/api-users/{id}");
        using var password = await client.PutJsonAsync($"/api-users/{id}/password", new { password = Password, confirmPassword = Password });
        using var enable = await client.PostAsync($"{ApiHttp.Prefix}/api-users/{id}/enable", null, ct);
        using var disable = await client.PostAsync($"{ApiHttp.Prefix}/api-users/{id}/disable", null, ct);
        using var unlock = await client.PostAsync($"{ApiHttp.Prefix}/api-users/{id}/unlock", null, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        foreach (var response in new[] { create, update, delete, password, enable, disable, unlock })
        {
            await response.ReadProblemAsync(403);
        }
    }

    [Fact]
    public async Task NoToken_Returns401()
    {
        // Arrange
        using var client = factory.CreateClient(null);

        // Act
        using var response = await client.GetApiAsync("/api-users");

        // Assert
        await response.ReadProblemAsync(401);
    }

    [Fact]
    public async Task UnknownUser_Returns404OnEveryRoute()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var ct = TestContext.Current.CancellationToken;

        // Act
        using var read = await client.GetApiAsync("/api-users/987654");
        using var update = await client.PutJsonAsync("/api-users/987654", new { userName = "ghost", displayName = "Ghost" });
        using var delete = await client.DeleteApiAsync("/api-users/987654");
        using var password = await client.PutJsonAsync("/api-users/987654/password", new { password = Password, confirmPassword = Password });
        using var unlock = await client.PostAsync($"{ApiHttp.Prefix}/api-users/987654/unlock", null, ct);
        using var notANumber = await client.GetApiAsync("/api-users/abc");

        // Assert
        foreach (var response in new[] { read, update, delete, password, unlock, notANumber })
        {
            await response.ReadProblemAsync(404);
        }
    }

    private static Dictionary<string, object?> Body(string userName, object? extra = null)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["userName"] = userName,
            ["displayName"] = "User " + userName,
            ["password"] = Password,
            ["confirmPassword"] = Password,
        };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                body[property.Name] = property.GetValue(extra);
            }
        }

        return body;
    }

    private static async Task<int> CreateAsync(HttpClient client, string userName)
    {
        using var response = await client.PostJsonAsync("/api-users", Body(userName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task<string> CreateClientAsync(HttpClient client)
    {
        var clientId = ApiHttp.UniqueName("cl");
        using var response = await client.PostJsonAsync("/clients", new
        {
            clientId,
            clientName = clientId,
            displayName = "Client " + clientId,
            password = Password,
            confirmPassword = Password,
            note = "api users test",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return clientId;
    }
}
