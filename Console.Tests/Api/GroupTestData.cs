using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

/// <summary>Inserts API clients straight into the factory's database (the client service is not under test here).</summary>
internal static class GroupTestData
{
    public static async Task<int> InsertClientAsync(this ApiAppFactory factory, string clientId, int levelId, int[]? groupIds = null, int[]? scopeIds = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        var client = new ApiClient
        {
            ClientId = clientId,
            ClientName = clientId,
            DisplayName = clientId,
            PasswordHash = "x",
            Note = "test",
            SecurityLevelId = levelId,
            Groups = [.. (groupIds ?? []).Select(g => new ClientGroup { ApiGroupId = g })],
            Scopes = [.. (scopeIds ?? []).Select(s => new ClientScope { ApiScopeId = s })],
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return client.Id;
    }

    /// <summary>Creates an API group (asserting 201) and returns its id.</summary>
    public static async Task<int> CreateGroupAsync(this HttpClient client, string name, int? securityLevelId = null)
    {
        using var response = await client.PostJsonAsync("/groups", new { name, securityLevelId });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }
}
