using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.OAuth;

/// <summary>Admin API: <c>clients/{id}/token-settings</c> and <c>oauth/signing-keys</c>.</summary>
public sealed class OAuthApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task TokenSettings_DefaultsThenUpdate_RoundTrip()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateClientAsync(client);

        // Act
        using var read = await client.GetApiAsync($"/clients/{id}/token-settings");
        var defaults = await read.ReadJsonAsync();
        using var put = await client.PutJsonAsync($"/clients/{id}/token-settings", new
        {
            allowedGrants = new[] { "client_credentials", "password", "refresh_token", "authorization_code" },
            accessTokenValidity = 600,
            accessTokenQuota = 10,
            refreshTokenValidity = 7200,
            refreshTokenQuota = 3,
            redirectUris = new[] { "https://app.example.com/callback", "http://localhost:3000/cb" },
            concurrencyStamp = defaults.GetProperty("concurrencyStamp").GetString(),
        });
        var updated = await put.ReadJsonAsync();
        using var again = await client.GetApiAsync($"/clients/{id}/token-settings");
        var stored = await again.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(["client_credentials", "refresh_token"], defaults.GetProperty("allowedGrants").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(3600, defaults.GetProperty("accessTokenValidity").GetInt32());
        Assert.Equal(86400, defaults.GetProperty("refreshTokenValidity").GetInt32());
        Assert.Equal(0, defaults.GetProperty("accessTokenQuota").GetInt32());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(4, updated.GetProperty("allowedGrants").GetArrayLength());
        Assert.Equal(600, stored.GetProperty("accessTokenValidity").GetInt32());
        Assert.Equal(10, stored.GetProperty("accessTokenQuota").GetInt32());
        Assert.Equal(3, stored.GetProperty("refreshTokenQuota").GetInt32());
        Assert.Equal(2, stored.GetProperty("redirectUris").GetArrayLength());
    }

    [Fact]
    public async Task TokenSettings_BadInput_400WithFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateClientAsync(client);

        // Act
        using var response = await client.PutJsonAsync($"/clients/{id}/token-settings", new
        {
            allowedGrants = new[] { "authorization_code" },
            accessTokenValidity = 59,
            accessTokenQuota = -1,
            refreshTokenValidity = 31_536_001,
            refreshTokenQuota = -2,
            redirectUris = Array.Empty<string>(),
        });
        var problem = await response.ReadProblemAsync(400);

        // Assert
        Assert.NotEmpty(problem.FieldErrors("accessTokenValidity"));
        Assert.NotEmpty(problem.FieldErrors("refreshTokenValidity"));
        Assert.NotEmpty(problem.FieldErrors("accessTokenQuota"));
        Assert.NotEmpty(problem.FieldErrors("refreshTokenQuota"));
        Assert.NotEmpty(problem.FieldErrors("redirectUris"));
    }

    [Theory]
    [InlineData("ftp://example.com/cb")]
    [InlineData("not a url")]
    [InlineData("/relative/cb")]
    [InlineData("https://example.com/cb#fragment")]
    public async Task TokenSettings_BadRedirectUri_400(string uri)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateClientAsync(client);

        // Act
        using var response = await client.PutJsonAsync($"/clients/{id}/token-settings", new
        {
            allowedGrants = new[] { "client_credentials" },
            accessTokenValidity = 3600,
            refreshTokenValidity = 86400,
            redirectUris = new[] { uri },
        });
        var problem = await response.ReadProblemAsync(400);

        // Assert
        Assert.NotEmpty(problem.FieldErrors("redirectUris"));
    }

    [Fact]
    public async Task TokenSettings_SixRedirectUrisOrUnknownGrantOrNoGrant_400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateClientAsync(client);

        // Act
        using var six = await client.PutJsonAsync($"/clients/{id}/token-settings", new
        {
            allowedGrants = new[] { "client_credentials" },
            accessTokenValidity = 3600,
            refreshTokenValidity = 86400,
            redirectUris = Enumerable.Range(1, 6).Select(i => $"https://example.com/{i}").ToArray(),
        });
        var sixProblem = await six.ReadProblemAsync(400);
        using var unknown = await client.PutJsonAsync($"/clients/{id}/token-settings", new { allowedGrants = new[] { "implicit" }, accessTokenValidity = 3600, refreshTokenValidity = 86400 });
        var unknownProblem = await unknown.ReadProblemAsync(400);
        using var none = await client.PutJsonAsync($"/clients/{id}/token-settings", new { allowedGrants = Array.Empty<string>(), accessTokenValidity = 3600, refreshTokenValidity = 86400 });
        var noneProblem = await none.ReadProblemAsync(400);

        // Assert
        Assert.NotEmpty(sixProblem.FieldErrors("redirectUris"));
        Assert.NotEmpty(unknownProblem.FieldErrors("allowedGrants"));
        Assert.NotEmpty(noneProblem.FieldErrors("allowedGrants"));
    }

    [Fact]
    public async Task TokenSettings_StaleStamp_409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateClientAsync(client);

        // Act
        using var response = await client.PutJsonAsync($"/clients/{id}/token-settings", new
        {
            allowedGrants = new[] { "client_credentials" },
            accessTokenValidity = 3600,
            refreshTokenValidity = 86400,
            concurrencyStamp = Guid.NewGuid(),
        });

        // Assert
        await response.ReadProblemAsync(409);
    }

    [Fact]
    public async Task TokenSettings_UnknownClient_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/clients/nobody-at-all/token-settings");

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task TokenSettings_Operator_ReadsButCannotWrite()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var id = await CreateClientAsync(admin);
        using var operatorClient = factory.CreateClient(factory.OperatorToken);

        // Act
        using var read = await operatorClient.GetApiAsync($"/clients/{id}/token-settings");
        using var write = await operatorClient.PutJsonAsync($"/clients/{id}/token-settings", new { allowedGrants = new[] { "password" }, accessTokenValidity = 3600, refreshTokenValidity = 86400 });

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task SigningKeys_RotateThenList_NewActiveOldRetiredNotRemovable()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        using var before = await client.GetApiAsync("/oauth/signing-keys");
        var initial = await before.ReadJsonAsync();

        // Act
        using var rotate = await client.PostJsonAsync("/oauth/signing-keys/rotate", new { algorithm = "ES256" });
        var created = await rotate.ReadJsonAsync();
        using var after = await client.GetApiAsync("/oauth/signing-keys");
        var keys = await after.ReadJsonAsync();
        var retiredKid = keys.EnumerateArray().First(k => k.GetProperty("status").GetString() == "retired").GetProperty("kid").GetString();
        using var remove = await client.DeleteApiAsync($"/oauth/signing-keys/{retiredKid}");
        using var removeActive = await client.DeleteApiAsync($"/oauth/signing-keys/{created.GetProperty("kid").GetString()}");
        var text = await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.True(initial.GetArrayLength() >= 1);
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.Equal("ES256", created.GetProperty("algorithm").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Single(keys.EnumerateArray(), k => k.GetProperty("status").GetString() == "active");
        Assert.False(keys.EnumerateArray().First(k => k.GetProperty("kid").GetString() == retiredKid).GetProperty("canRemove").GetBoolean());
        await remove.ReadProblemAsync(409);
        await removeActive.ReadProblemAsync(409);
        Assert.DoesNotContain("rivate", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningKeys_BadAlgorithmOrOperator_Refused()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        using var operatorClient = factory.CreateClient(factory.OperatorToken);

        // Act
        using var bad = await admin.PostJsonAsync("/oauth/signing-keys/rotate", new { algorithm = "HS256" });
        using var asOperator = await operatorClient.PostJsonAsync("/oauth/signing-keys/rotate", new { algorithm = "RS256" });
        using var unknown = await admin.DeleteApiAsync("/oauth/signing-keys/no-such-kid");

        // Assert
        var problem = await bad.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("algorithm"));
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        await unknown.ReadProblemAsync(404);
    }

    private static async Task<string> CreateClientAsync(HttpClient client)
    {
        var id = ApiHttp.UniqueName("oauth");
        using var response = await client.PostJsonAsync("/clients", new
        {
            clientId = id,
            clientName = id,
            displayName = "Client " + id,
            password = "Pa55 word!",
            confirmPassword = "Pa55 word!",
            note = "oauth test",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }
}
