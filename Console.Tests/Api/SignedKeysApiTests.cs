using System.Net;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

/// <summary><c>/clients/{clientId}/signed-keys</c>: issue (secret once), list (masked), revoke, extend, delete, errors and roles.</summary>
public sealed class SignedKeysApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Lifecycle_CreateListRevokeDelete_SecretOnlyInCreateResponse()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, apiId) = await SetupAsync(client);
        var expiresAt = Now().AddDays(10);

        // Act
        using var created = await client.PostJsonAsync($"/clients/{clientId}/signed-keys", new { alias = "nightly", expiresAt, timesQuota = 5, apiIds = new[] { apiId } });
        var createdBody = await created.ReadJsonAsync();
        var id = createdBody.GetProperty("key").GetProperty("id").GetInt64();
        var secret = createdBody.GetProperty("secretKey").GetString()!;
        using var list = await client.GetApiAsync($"/clients/{clientId}/signed-keys");
        var listText = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var revoked = await client.PostJsonAsync($"/clients/{clientId}/signed-keys/{id}/revoke", new { });
        var revokedBody = await revoked.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/clients/{clientId}/signed-keys/{id}");
        using var afterDelete = await client.GetApiAsync($"/clients/{clientId}/signed-keys");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/clients/{clientId}/signed-keys/{id}", created.Headers.Location?.OriginalString);
        Assert.True(secret.Length >= 43);
        Assert.Equal(createdBody.GetProperty("apiKey").GetString(), createdBody.GetProperty("key").GetProperty("apiKey").GetString());
        Assert.Equal(5, createdBody.GetProperty("key").GetProperty("remainingUses").GetInt64());
        Assert.Equal("active", createdBody.GetProperty("key").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("nightly", listText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain("protectedSecret", listText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("revoked", revokedBody.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, (await afterDelete.ReadJsonAsync()).GetArrayLength());
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var audit = await db.AuditEntries.Where(a => a.EntityType == "SignedApiKey").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, audit.Count(a => a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(audit, a => (a.Before + a.After).Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_BadFields_400WithCamelCaseFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, _) = await SetupAsync(client);

        // Act
        using var response = await client.PostJsonAsync($"/clients/{clientId}/signed-keys", new { expiresAt = Now().AddDays(-1), timesQuota = 0, apiIds = Array.Empty<int>() });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Equal(["Expiry must be in the future."], problem.FieldErrors("expiresAt"));
        Assert.Equal(["Quota must be -1 (unlimited) or at least 1."], problem.FieldErrors("timesQuota"));
        Assert.Equal(["Choose at least one API."], problem.FieldErrors("apiIds"));
    }

    [Fact]
    public async Task Create_WrongJsonType_400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, apiId) = await SetupAsync(client);

        // Act
        using var response = await client.PostJsonAsync($"/clients/{clientId}/signed-keys", new { expiresAt = "tomorrow", apiIds = new[] { apiId } });

        // Assert
        await response.ReadProblemAsync(400);
    }

    [Fact]
    public async Task Extend_NewQuota_RestartsRemaining_RevokedKey409()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, apiId) = await SetupAsync(client);
        using var created = await client.PostJsonAsync($"/clients/{clientId}/signed-keys", new { expiresAt = Now().AddDays(1), timesQuota = 2, apiIds = new[] { apiId } });
        var id = (await created.ReadJsonAsync()).GetProperty("key").GetProperty("id").GetInt64();

        // Act
        using var extended = await client.PostJsonAsync($"/clients/{clientId}/signed-keys/{id}/extend", new { timesQuota = 9 });
        using var revoke = await client.PostJsonAsync($"/clients/{clientId}/signed-keys/{id}/revoke", new { });
        using var conflict = await client.PostJsonAsync($"/clients/{clientId}/signed-keys/{id}/extend", new { timesQuota = 9 });

        // Assert
        Assert.Equal(9, (await extended.ReadJsonAsync()).GetProperty("remainingUses").GetInt64());
        await conflict.ReadProblemAsync(409);
    }

    [Fact]
    public async Task UnknownClientOrKey_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, _) = await SetupAsync(client);

        // Act
        using var noClient = await client.GetApiAsync("/clients/nobody-here/signed-keys");
        using var noKey = await client.PostJsonAsync($"/clients/{clientId}/signed-keys/987654/revoke", new { });
        using var noDelete = await client.DeleteApiAsync($"/clients/{clientId}/signed-keys/987654");

        // Assert
        await noClient.ReadProblemAsync(404);
        await noKey.ReadProblemAsync(404);
        await noDelete.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Writes_OperatorToken_403_ListAllowed()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var (clientId, apiId) = await SetupAsync(admin);
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var list = await client.GetApiAsync($"/clients/{clientId}/signed-keys");
        using var create = await client.PostJsonAsync($"/clients/{clientId}/signed-keys", new { expiresAt = Now().AddDays(1), apiIds = new[] { apiId } });

        // Assert
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    private static async Task<(string ClientId, int ApiId)> SetupAsync(HttpClient client)
    {
        var backend = await client.CreateBackendAsync();
        var api = await client.CreateApiAsync(backend.GetProperty("id").GetInt32());
        var clientId = ApiHttp.UniqueName("dgrk");
        using var response = await client.PostJsonAsync("/clients", new
        {
            clientId,
            clientName = clientId,
            displayName = "Client " + clientId,
            password = "Pa55 word!",
            confirmPassword = "Pa55 word!",
            note = "dgrk",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (clientId, api.GetProperty("id").GetInt32());
    }
}
