using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Groups;

/// <summary>Seeds groups and clients for the group, scope and level page tests.</summary>
internal static class GroupPageData
{
    public static Task<ApiGroup> CreateGroupAsync(this AdminTestContext context, string name, int? levelId = null) =>
        context.Services.GetRequiredService<ApiGroupService>().CreateAsync(new ApiGroupInput { Name = name, SecurityLevelId = levelId }, AdminTestContext.SeedActor, TestContext.Current.CancellationToken);

    /// <summary>Inserts a client directly (the client service is not under test here).</summary>
    public static async Task InsertClientAsync(this AdminTestContext context, string clientId, int levelId, int[]? groupIds = null, int[]? scopeIds = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await context.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        db.ApiClients.Add(new ApiClient
        {
            ClientId = clientId,
            ClientName = clientId,
            DisplayName = clientId,
            PasswordHash = "x",
            Note = "test",
            SecurityLevelId = levelId,
            Groups = [.. (groupIds ?? []).Select(g => new ClientGroup { ApiGroupId = g })],
            Scopes = [.. (scopeIds ?? []).Select(s => new ClientScope { ApiScopeId = s })],
        });
        await db.SaveChangesAsync(ct);
    }
}
