using System.Net;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

public sealed class ClientsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    private const int LevelA = 1;
    private const int LevelB = 2;
    private const int LevelC = 3;
    private const int LevelD = 4;

    [Fact]
    public async Task Crud_RoundTrip_NeverReturnsHash()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = ApiHttp.UniqueName("crud");

        // Act
        using var created = await client.PostJsonAsync("/clients", Body(id, new
        {
            ipBindings = new[] { new { hostName = "app.example.com", ipAddress = "10.0.0.1" } },
            audience = "internal",
            quotaResetPeriod = "weekly",
            serviceStartTime = "08:00:00",
            serviceEndTime = "18:00:00",
            timeZoneId = "Europe/Berlin",
        }));
        var createdText = await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = await created.ReadJsonAsync();
        using var read = await client.GetApiAsync($"/clients/{id.ToUpperInvariant()}");
        var readBody = await read.ReadJsonAsync();
        using var updated = await client.PutJsonAsync($"/clients/{id}", new
        {
            clientId = id,
            clientName = id,
            displayName = "Renamed",
            note = "n",
            status = "disabled",
            concurrencyStamp = readBody.GetProperty("concurrencyStamp").GetString(),
        });
        var updatedText = await updated.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var updatedBody = await updated.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/clients/{id}");
        using var gone = await client.GetApiAsync($"/clients/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/clients/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("internal", body.GetProperty("audience").GetString());
        Assert.Equal("weekly", body.GetProperty("quotaResetPeriod").GetString());
        Assert.Equal("D", body.GetProperty("securityLevel").GetProperty("code").GetString());
        Assert.Equal("10.0.0.1", body.GetProperty("ipBindings")[0].GetProperty("ipAddress").GetString());
        Assert.Equal(3, body.GetProperty("failedAttemptThreshold").GetInt32());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Renamed", updatedBody.GetProperty("displayName").GetString());
        Assert.Equal("disabled", updatedBody.GetProperty("status").GetString());
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
        using var response = await client.PostJsonAsync("/clients", new
        {
            clientId = "bad id",
            clientName = "bad.name",
            displayName = "",
            password = "a",
            confirmPassword = "b",
            priority = 10,
            emails = "nope",
            note = "",
            ipBindings = new[] { new { hostName = "h.example.com", ipAddress = "1.2.3" } },
        });
        var problem = await response.ReadProblemAsync(400);

        // Assert
        foreach (var field in new[] { "clientId", "clientName", "displayName", "confirmPassword", "priority", "emails", "note", "ipBindings[0].ipAddress" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
    }

    [Fact]
    public async Task Create_DuplicateClientId_Returns400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = ApiHttp.UniqueName("dup");
        using var first = await client.PostJsonAsync("/clients", Body(id));

        // Act
        using var second = await client.PostJsonAsync("/clients", Body(id));
        var problem = await second.ReadProblemAsync(400);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.NotEmpty(problem.FieldErrors("clientId"));
    }

    [Fact]
    public async Task List_SearchByGroupNameAndStatusFilter()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var stem = ApiHttp.UniqueName("srch");
        var groupName = ApiHttp.UniqueName("grpname");
        var groupId = await AddGroupAsync(groupName, LevelD);
        await CreateAsync(client, stem + "-1");
        await CreateAsync(client, stem + "-2", new { status = "locked" });
        var member = await CreateAsync(client, ApiHttp.UniqueName("member"));
        using var added = await client.PostJsonAsync($"/clients/{member}/groups", new { groupIds = new[] { groupId } });

        // Act
        using var byGroup = await client.GetApiAsync($"/clients?q={groupName}");
        using var locked = await client.GetApiAsync($"/clients?q={stem}&status=locked");
        using var all = await client.GetApiAsync($"/clients?q={stem}&pageSize=1&page=2");
        var byGroupBody = await byGroup.ReadJsonAsync();
        var lockedBody = await locked.ReadJsonAsync();
        var allBody = await all.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal([member], byGroupBody.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()));
        Assert.Equal([groupName], byGroupBody.GetProperty("items")[0].GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal([stem + "-2"], lockedBody.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()));
        Assert.Equal(2, allBody.GetProperty("total").GetInt32());
        Assert.Equal([stem + "-2"], allBody.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()));
    }

    [Theory]
    [InlineData("status=sleeping", "status")]
    [InlineData("status=1", "status")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task List_BadQuery_Returns400(string query, string field)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/clients?" + query);
        var problem = await response.ReadProblemAsync(400);

        // Assert
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task SecurityLevel_ConflictingGroup_Returns409ListingGroup()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateAsync(client, ApiHttp.UniqueName("lvl"), new { securityLevelId = LevelB });
        var groupName = ApiHttp.UniqueName("grp-b");
        var groupId = await AddGroupAsync(groupName, LevelB);
        using var added = await client.PostJsonAsync($"/clients/{id}/groups", new { groupIds = new[] { groupId } });

        // Act
        using var refused = await client.PutJsonAsync($"/clients/{id}/security-level", new { securityLevelId = LevelC });
        var problem = await refused.ReadProblemAsync(409);
        using var removed = await client.DeleteApiAsync($"/clients/{id}/groups/{groupId}");
        using var moved = await client.PutJsonAsync($"/clients/{id}/security-level", new { securityLevelId = LevelC });
        var movedBody = await moved.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains(groupName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("C", movedBody.GetProperty("securityLevel").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Groups_HiddenLevel_NotOfferedAndRejected()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateAsync(client, ApiHttp.UniqueName("cgrp"), new { securityLevelId = LevelC });
        var stem = ApiHttp.UniqueName("pick");
        var hiddenA = await AddGroupAsync(stem + "-a", LevelA);
        await AddGroupAsync(stem + "-b", LevelB);
        await AddGroupAsync(stem + "-c", LevelC);
        await AddGroupAsync(stem + "-d", LevelD);

        // Act
        using var offered = await client.GetApiAsync($"/clients/{id}/groups?assignable=true&q={stem}");
        var offeredBody = await offered.ReadJsonAsync();
        using var rejected = await client.PostJsonAsync($"/clients/{id}/groups", new { groupIds = new[] { hiddenA } });
        var problem = await rejected.ReadProblemAsync(400);

        // Assert
        Assert.Equal([stem + "-c", stem + "-d"], offeredBody.EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.NotEmpty(problem.FieldErrors("groupIds"));
    }

    [Fact]
    public async Task Scopes_WithHiddenGroup_Rejected_AllowedAdded()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var id = await CreateAsync(client, ApiHttp.UniqueName("cscp"), new { securityLevelId = LevelC });
        var hidden = await AddGroupAsync(ApiHttp.UniqueName("sg-a"), LevelA);
        var open = await AddGroupAsync(ApiHttp.UniqueName("sg-d"), LevelD);
        var badScope = await AddScopeAsync(ApiHttp.UniqueName("bad-scope"), hidden, open);
        var goodName = ApiHttp.UniqueName("good-scope");
        var goodScope = await AddScopeAsync(goodName, open);

        // Act
        using var rejected = await client.PostJsonAsync($"/clients/{id}/scopes", new { scopeIds = new[] { badScope } });
        var problem = await rejected.ReadProblemAsync(400);
        using var accepted = await client.PostJsonAsync($"/clients/{id}/scopes", new { scopeIds = new[] { goodScope } });
        using var list = await client.GetApiAsync($"/clients/{id}/scopes");
        var listBody = await list.ReadJsonAsync();
        using var removed = await client.DeleteApiAsync($"/clients/{id}/scopes/{goodScope}");
        using var removedAgain = await client.DeleteApiAsync($"/clients/{id}/scopes/{goodScope}");

        // Assert
        Assert.NotEmpty(problem.FieldErrors("scopeIds"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal([goodName], listBody.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await removedAgain.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Password_SetResetUnlockAndStatusSettings()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var withMail = await CreateAsync(client, ApiHttp.UniqueName("pw"), new { emails = "partner@example.com" });
        var noMail = await CreateAsync(client, ApiHttp.UniqueName("pwnm"));

        // Act
        using var mismatch = await client.PutJsonAsync($"/clients/{withMail}/password", new { password = "abc", confirmPassword = "abd" });
        using var set = await client.PutJsonAsync($"/clients/{withMail}/password", new { password = "N3w pass", confirmPassword = "N3w pass" });
        using var reset = await client.PostAsync($"{ApiHttp.Prefix}/clients/{withMail}/password/reset", null, TestContext.Current.CancellationToken);
        var resetText = await reset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var resetNoMail = await client.PostAsync($"{ApiHttp.Prefix}/clients/{noMail}/password/reset", null, TestContext.Current.CancellationToken);
        using var unlock = await client.PostAsync($"{ApiHttp.Prefix}/clients/{withMail}/unlock", null, TestContext.Current.CancellationToken);
        using var badThreshold = await client.PutJsonAsync($"/clients/{withMail}/status-settings", new { failedAttemptThreshold = 100 });
        using var threshold = await client.PutJsonAsync($"/clients/{withMail}/status-settings", new { failedAttemptThreshold = 7 });
        var thresholdBody = await threshold.ReadJsonAsync();

        // Assert
        Assert.NotEmpty((await mismatch.ReadProblemAsync(400)).FieldErrors("confirmPassword"));
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("partner@example.com", resetText, StringComparison.Ordinal);
        Assert.DoesNotContain("password\":", resetText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no email", (await resetNoMail.ReadProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.NotEmpty((await badThreshold.ReadProblemAsync(400)).FieldErrors("failedAttemptThreshold"));
        Assert.Equal(7, thresholdBody.GetProperty("failedAttemptThreshold").GetInt32());
    }

    [Fact]
    public async Task Writes_OperatorToken_Return403_ReadsAllowed()
    {
        // Arrange
        using var admin = factory.CreateClient(factory.AdminToken);
        var id = await CreateAsync(admin, ApiHttp.UniqueName("op"));
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var read = await client.GetApiAsync($"/clients/{id}");
        using var create = await client.PostJsonAsync("/clients", Body(ApiHttp.UniqueName("op2")));
        using var delete = await client.DeleteApiAsync($"/clients/{id}");
        using var password = await client.PutJsonAsync($"/clients/{id}/password", new { password = "x", confirmPassword = "x" });
        using var unlock = await client.PostAsync($"{ApiHttp.Prefix}/clients/{id}/unlock", null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, password.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unlock.StatusCode);
    }

    [Fact]
    public async Task UnknownClient_Returns404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PutJsonAsync("/clients/nobody-here/security-level", new { securityLevelId = LevelD });

        // Assert
        await response.ReadProblemAsync(404);
    }

    private static Dictionary<string, object?> Body(string clientId, object? extra = null)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["clientId"] = clientId,
            ["clientName"] = clientId,
            ["displayName"] = "Client " + clientId,
            ["password"] = "Pa55 word!",
            ["confirmPassword"] = "Pa55 word!",
            ["note"] = "api test",
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

    private static async Task<string> CreateAsync(HttpClient client, string clientId, object? extra = null)
    {
        using var response = await client.PostJsonAsync("/clients", Body(clientId, extra));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return clientId;
    }

    private async Task<int> AddGroupAsync(string name, int levelId)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        var group = new ApiGroup { Name = name, SecurityLevelId = levelId };
        db.ApiGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return group.Id;
    }

    private async Task<int> AddScopeAsync(string name, params int[] groupIds)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        var scope = new ApiScope { Name = name };
        scope.Groups.AddRange(groupIds.Select(g => new ApiScopeGroup { ApiGroupId = g }));
        db.ApiScopes.Add(scope);
        await db.SaveChangesAsync(ct);
        return scope.Id;
    }
}
