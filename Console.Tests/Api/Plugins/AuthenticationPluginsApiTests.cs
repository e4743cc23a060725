using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api.Plugins;

/// <summary>Admin API: <c>apis/{id}/authentication</c>, <c>clients/{clientId}/key-auth</c> and <c>clients/{clientId}/jwt</c>.</summary>
public sealed class AuthenticationPluginsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Authentication_GetThenPut_RoundTripsCamelCaseSettings()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var apiId = await CreateApiAsync(client);
        using var read = await client.GetApiAsync($"/apis/{apiId}/authentication");
        var current = await read.ReadJsonAsync();

        // Act
        using var updated = await client.PutJsonAsync($"/apis/{apiId}/authentication", new
        {
            acceptedCredentials = new[] { "keyAuth", "jwt", "clientBasic" },
            forwardCredentials = true,
            keyAuth = new { keyNames = new[] { "x-api-token" }, keyInBody = true, hideCredentials = true, realm = "shop" },
            basicAuth = new { realm = "partners" },
            jwt = new { claimsToVerify = new[] { "exp" }, maximumExpiration = 300 },
            concurrencyStamp = current.GetProperty("concurrencyStamp").GetString(),
        });
        var body = await updated.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(["clientBasic", "oAuthToken", "xApiKey", "signedKey"], current.GetProperty("acceptedCredentials").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("service", current.GetProperty("basicAuth").GetProperty("realm").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["clientBasic", "keyAuth", "jwt"], body.GetProperty("acceptedCredentials").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("forwardCredentials").GetBoolean());
        Assert.Equal("x-api-token", body.GetProperty("keyAuth").GetProperty("keyNames")[0].GetString());
        Assert.True(body.GetProperty("keyAuth").GetProperty("keyInHeader").GetBoolean());
        Assert.Equal("partners", body.GetProperty("basicAuth").GetProperty("realm").GetString());
        Assert.Equal(300, body.GetProperty("jwt").GetProperty("maximumExpiration").GetInt32());
        Assert.Equal("iss", body.GetProperty("jwt").GetProperty("keyClaimName").GetString());
    }

    [Fact]
    public async Task Authentication_BadInput_400FieldErrors404And409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var apiId = await CreateApiAsync(client);
        using var read = await client.GetApiAsync($"/apis/{apiId}/authentication");
        var stamp = (await read.ReadJsonAsync()).GetProperty("concurrencyStamp").GetString();

        // Act
        using var invalid = await client.PutJsonAsync($"/apis/{apiId}/authentication", new
        {
            acceptedCredentials = Array.Empty<string>(),
            keyAuth = new { keyNames = new[] { "bad name" }, anonymous = "no-such-client" },
            jwt = new { claimsToVerify = new[] { "iat" } },
            concurrencyStamp = stamp,
        });
        using var unknownType = await client.PutAsync(ApiHttp.Prefix + $"/apis/{apiId}/authentication", ApiHttp.Json("""{"acceptedCredentials":["magic"]}"""), TestContext.Current.CancellationToken);
        using var missing = await client.GetApiAsync("/apis/999999/authentication");
        using var stale = await client.PutJsonAsync($"/apis/{apiId}/authentication", new { acceptedCredentials = new[] { "keyAuth" }, concurrencyStamp = Guid.NewGuid() });

        // Assert
        var problem = await invalid.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("acceptedCredentials"));
        Assert.NotEmpty(problem.FieldErrors("keyAuth.keyNames"));
        Assert.NotEmpty(problem.FieldErrors("keyAuth.anonymous"));
        Assert.NotEmpty(problem.FieldErrors("jwt.claimsToVerify"));
        await unknownType.ReadProblemAsync(400);
        await missing.ReadProblemAsync(404);
        await stale.ReadProblemAsync(409);
    }

    [Fact]
    public async Task Authentication_Operator_ReadsButCannotWrite()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        using var operatorClient = factory.CreateClient(factory.OperatorToken);
        var apiId = await CreateApiAsync(admin);

        // Act
        using var read = await operatorClient.GetApiAsync($"/apis/{apiId}/authentication");
        using var write = await operatorClient.PutJsonAsync($"/apis/{apiId}/authentication", new { acceptedCredentials = new[] { "keyAuth" } });
        using var createKey = await operatorClient.PostJsonAsync("/clients/anyone/key-auth", new { });

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, createKey.StatusCode);
    }

    [Fact]
    public async Task KeyAuth_CreateListDelete_KeyShownOnce()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var clientId = await CreateClientAsync(client);

        // Act
        using var created = await client.PostJsonAsync($"/clients/{clientId}/key-auth", new { });
        var body = await created.ReadJsonAsync();
        using var supplied = await client.PostJsonAsync($"/clients/{clientId}/key-auth", new { key = "admin-chosen-key-123456" });
        using var tooShort = await client.PostJsonAsync($"/clients/{clientId}/key-auth", new { key = "short" });
        using var list = await client.GetApiAsync($"/clients/{clientId}/key-auth");
        var listText = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var deleted = await client.DeleteApiAsync($"/clients/{clientId}/key-auth/{body.GetProperty("id").GetInt32()}");
        using var deletedAgain = await client.DeleteApiAsync($"/clients/{clientId}/key-auth/{body.GetProperty("id").GetInt32()}");
        using var unknownClient = await client.GetApiAsync("/clients/no-such-client-x/key-auth");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal(43, key.Length);
        Assert.Equal(HttpStatusCode.Created, supplied.StatusCode);
        (await tooShort.ReadProblemAsync(400)).FieldErrors("key");
        Assert.Equal(2, JsonDocument.Parse(listText).RootElement.GetArrayLength());
        Assert.DoesNotContain(key, listText, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-chosen-key-123456", listText, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await deletedAgain.ReadProblemAsync(404);
        await unknownClient.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Jwt_CreateHmacAndRsa_SecretOnlyInCreationAnswer()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var clientId = await CreateClientAsync(client);
        using var rsa = RSA.Create(2048);

        // Act
        using var hmac = await client.PostJsonAsync($"/clients/{clientId}/jwt", new { key = ApiHttp.UniqueName("iss"), algorithm = "HS256" });
        var hmacBody = await hmac.ReadJsonAsync();
        using var rs = await client.PostJsonAsync($"/clients/{clientId}/jwt", new { algorithm = "RS256", publicKeyPem = rsa.ExportSubjectPublicKeyInfoPem() });
        using var bad = await client.PostJsonAsync($"/clients/{clientId}/jwt", new { algorithm = "RS256", publicKeyPem = rsa.ExportRSAPrivateKeyPem() });
        using var none = await client.PostAsync(ApiHttp.Prefix + $"/clients/{clientId}/jwt", ApiHttp.Json("""{"algorithm":"none"}"""), TestContext.Current.CancellationToken);
        using var list = await client.GetApiAsync($"/clients/{clientId}/jwt");
        var listText = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Created, hmac.StatusCode);
        var secret = hmacBody.GetProperty("secret").GetString()!;
        Assert.True(secret.Length >= 32);
        Assert.Equal("HS256", hmacBody.GetProperty("algorithm").GetString());
        Assert.Equal(HttpStatusCode.Created, rs.StatusCode);
        (await bad.ReadProblemAsync(400)).FieldErrors("publicKeyPem");
        await none.ReadProblemAsync(400);
        Assert.Equal(2, JsonDocument.Parse(listText).RootElement.GetArrayLength());
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain("protected", listText, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<int> CreateApiAsync(HttpClient client)
    {
        var backend = await client.CreateBackendAsync();
        var api = await client.CreateApiAsync(backend.GetProperty("id").GetInt32());
        return api.GetProperty("id").GetInt32();
    }

    private static async Task<string> CreateClientAsync(HttpClient client)
    {
        var id = ApiHttp.UniqueName("plug");
        using var response = await client.PostJsonAsync("/clients", new
        {
            clientId = id,
            clientName = id,
            displayName = "Client " + id,
            password = "Pa55 word!",
            confirmPassword = "Pa55 word!",
            note = "plugin test",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }
}
