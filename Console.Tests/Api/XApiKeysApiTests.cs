using System.Net;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

/// <summary><c>/clients/{clientId}/x-api-keys</c>: the key only in the create response, field errors, revoke, delete, roles.</summary>
public sealed class XApiKeysApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    private static string NextYear => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Lifecycle_CreateListRevokeDelete_KeyOnlyInCreateResponse()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, groupId) = await ClientWithGroupAsync(client, "life", "partner@example.com");

        // Act
        using var created = await client.PostJsonAsync($"/clients/{clientId}/x-api-keys", new { alias = "mobile", expiryDate = NextYear, groupIds = new[] { groupId } });
        var createdBody = await created.ReadJsonAsync();
        var key = createdBody.GetProperty("key").GetString()!;
        var id = createdBody.GetProperty("xApiKey").GetProperty("id").GetInt32();
        using var list = await client.GetApiAsync($"/clients/{clientId}/x-api-keys");
        var listText = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var one = await client.GetApiAsync($"/clients/{clientId}/x-api-keys/{id}");
        using var revoked = await client.PostAsync($"{ApiHttp.Prefix}/clients/{clientId}/x-api-keys/{id}/revoke", null, TestContext.Current.CancellationToken);
        var revokedBody = await revoked.ReadJsonAsync();
        using var again = await client.PostAsync($"{ApiHttp.Prefix}/clients/{clientId}/x-api-keys/{id}/revoke", null, TestContext.Current.CancellationToken);
        using var deleted = await client.DeleteApiAsync($"/clients/{clientId}/x-api-keys/{id}");
        using var gone = await client.GetApiAsync($"/clients/{clientId}/x-api-keys/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/clients/{clientId}/x-api-keys/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(43, key.Length);
        Assert.Equal(CredentialSecrets.Mask(key), createdBody.GetProperty("xApiKey").GetProperty("mask").GetString());
        Assert.True(createdBody.GetProperty("mailQueued").GetBoolean());
        Assert.Equal("partner@example.com", createdBody.GetProperty("mailedTo")[0].GetString());
        Assert.Equal("active", createdBody.GetProperty("xApiKey").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"alias\":\"mobile\"", listText, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(CredentialSecrets.Hash(key), listText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", listText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", revokedBody.GetProperty("status").GetString());
        Assert.Equal("revoked", revokedBody.GetProperty("state").GetString());
        await again.ReadProblemAsync(409);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Create_ClientWithoutEmails_201AndSaysNoMail()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, groupId) = await ClientWithGroupAsync(client, "nomail", null);

        // Act
        using var created = await client.PostJsonAsync($"/clients/{clientId}/x-api-keys", new { alias = "a", expiryDate = NextYear, groupIds = new[] { groupId } });
        var body = await created.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(body.GetProperty("mailQueued").GetBoolean());
        Assert.Equal(0, body.GetProperty("mailedTo").GetArrayLength());
        Assert.Contains("no email address", body.GetProperty("mailProblem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadFields_400WithCamelCaseFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, _) = await ClientWithGroupAsync(client, "bad", null);
        var foreign = await client.CreateGroupAsync(ApiHttp.UniqueName("foreign"));

        // Act
        using var empty = await client.PostJsonAsync($"/clients/{clientId}/x-api-keys", new { });
        using var wrong = await client.PostJsonAsync($"/clients/{clientId}/x-api-keys", new
        {
            alias = new string('x', 101),
            effectiveDate = "2099-01-02",
            expiryDate = "2099-01-01",
            groupIds = new[] { foreign },
        });
        var emptyProblem = await empty.ReadProblemAsync(400);
        var wrongProblem = await wrong.ReadProblemAsync(400);

        // Assert
        Assert.Equal(["Alias is required."], emptyProblem.FieldErrors("alias"));
        Assert.Equal(["Expiry date is required."], emptyProblem.FieldErrors("expiryDate"));
        Assert.Equal(["Choose at least one authority group."], emptyProblem.FieldErrors("groupIds"));
        Assert.Single(wrongProblem.FieldErrors("alias"));
        Assert.Equal(["Expiry date must not be before the effective date."], wrongProblem.FieldErrors("expiryDate"));
        Assert.Contains("is not held by client", Assert.Single(wrongProblem.FieldErrors("groupIds")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"alias\":\"a\",\"expiryDate\":\"not-a-date\",\"groupIds\":[1]}")]
    [InlineData("{\"alias\":\"a\",\"expiryDate\":\"2099-01-01\",\"groupIds\":\"1\"}")]
    [InlineData("{\"alias\":")]
    public async Task Create_UnreadableBody_400Problem(string json)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, _) = await ClientWithGroupAsync(client, "unreadable", null);

        // Act
        using var response = await client.PostAsync($"{ApiHttp.Prefix}/clients/{clientId}/x-api-keys", ApiHttp.Json(json), TestContext.Current.CancellationToken);

        // Assert
        await response.ReadProblemAsync(400);
    }

    [Fact]
    public async Task UnknownClientOrKey_404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, _) = await ClientWithGroupAsync(client, "missing", null);

        // Act
        using var noClient = await client.GetApiAsync("/clients/nobody-here/x-api-keys");
        using var noKey = await client.DeleteApiAsync($"/clients/{clientId}/x-api-keys/999999");

        // Assert
        await noClient.ReadProblemAsync(404);
        await noKey.ReadProblemAsync(404);
    }

    [Fact]
    public async Task GroupChoices_ListsTheClientsGroups()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var (clientId, groupId) = await ClientWithGroupAsync(client, "choices", null);

        // Act
        using var response = await client.GetApiAsync($"/clients/{clientId}/x-api-keys/group-choices");
        var body = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([groupId], body.EnumerateArray().Select(g => g.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Writes_OperatorToken_403_ListAllowed()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        using var operatorClient = factory.CreateClient(factory.OperatorToken);
        var (clientId, groupId) = await ClientWithGroupAsync(admin, "operator", null);
        using var created = await admin.PostJsonAsync($"/clients/{clientId}/x-api-keys", new { alias = "a", expiryDate = NextYear, groupIds = new[] { groupId } });
        var id = (await created.ReadJsonAsync()).GetProperty("xApiKey").GetProperty("id").GetInt32();

        // Act
        using var list = await operatorClient.GetApiAsync($"/clients/{clientId}/x-api-keys");
        using var create = await operatorClient.PostJsonAsync($"/clients/{clientId}/x-api-keys", new { alias = "b", expiryDate = NextYear, groupIds = new[] { groupId } });
        using var revoke = await operatorClient.PostAsync($"{ApiHttp.Prefix}/clients/{clientId}/x-api-keys/{id}/revoke", null, TestContext.Current.CancellationToken);
        using var delete = await operatorClient.DeleteApiAsync($"/clients/{clientId}/x-api-keys/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await create.ReadProblemAsync(403);
        await revoke.ReadProblemAsync(403);
        await delete.ReadProblemAsync(403);
        Assert.Equal(1, await KeyCountAsync(clientId));
    }

    [Fact]
    public async Task List_WithoutToken_401()
    {
        // Arrange
        using var client = factory.CreateClient(null);

        // Act
        using var response = await client.GetApiAsync("/clients/anyone/x-api-keys");

        // Assert
        await response.ReadProblemAsync(401);
    }

    private async Task<int> KeyCountAsync(string clientId)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        return await db.ClientXApiKeys.CountAsync(k => k.Client!.ClientId == clientId, ct);
    }

    private static async Task<(string ClientId, int GroupId)> ClientWithGroupAsync(HttpClient client, string stem, string? emails)
    {
        var clientId = ApiHttp.UniqueName(stem);
        using var response = await client.PostJsonAsync("/clients", new
        {
            clientId,
            clientName = clientId,
            displayName = "Client " + clientId,
            password = "Pa55 word!",
            confirmPassword = "Pa55 word!",
            note = "x-api-key test",
            emails,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var groupId = await client.CreateGroupAsync(ApiHttp.UniqueName(stem + "-g"));
        using var added = await client.PostJsonAsync($"/clients/{clientId}/groups", new { groupIds = new[] { groupId } });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        return (clientId, groupId);
    }
}
