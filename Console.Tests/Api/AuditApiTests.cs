using System.Net;
using System.Text.Json;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class AuditApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task BackendWrites_EachCreateAuditRowWithTokenOwnerAndApiSource()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backend = await client.CreateBackendAsync();
        var id = backend.GetProperty("id").GetInt32();

        // Act
        using var updated = await client.PutJsonAsync($"/backends/{id}", new { name = backend.GetProperty("name").GetString(), host = "changed.test", port = 82 });
        using var deleted = await client.DeleteApiAsync($"/backends/{id}");
        using var audit = await client.GetApiAsync($"/audit?entityType=Backend&entityId={id}");
        var rows = (await audit.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        // Assert
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["Deleted", "Updated", "Created"], rows.Select(r => r.GetProperty("action").GetString()));
        Assert.All(rows, r => Assert.Equal("admin", r.GetProperty("actor").GetString()));
        Assert.All(rows, r => Assert.Equal("api", r.GetProperty("source").GetString()));
        Assert.Equal("changed.test", rows[1].GetProperty("after").GetProperty("host").GetString());
        Assert.Equal("127.0.0.1", rows[1].GetProperty("before").GetProperty("host").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task ApiWrites_EachCreateAuditRowWithTokenOwner()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var backendId = (await client.CreateBackendAsync()).GetProperty("id").GetInt32();
        var api = await client.CreateApiAsync(backendId);
        var id = api.GetProperty("id").GetInt32();

        // Act
        using var deleted = await client.DeleteApiAsync($"/apis/{id}");
        using var audit = await client.GetApiAsync($"/audit?entityType=Api&entityId={id}&actor=admin");
        var rows = (await audit.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        // Assert
        Assert.Equal(["Deleted", "Created"], rows.Select(r => r.GetProperty("action").GetString()));
        Assert.All(rows, r => Assert.Equal("api", r.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Filters_ActionActorAndTimeRange_NarrowTheList()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("audited");
        await client.CreateBackendAsync(name);
        var future = Uri.EscapeDataString("2999-01-01T00:00:00Z");

        // Act
        using var byQuery = await client.GetApiAsync($"/audit?q={name}&action=Created");
        using var otherActor = await client.GetApiAsync($"/audit?q={name}&actor={ApiAppFactory.OperatorUserName}");
        using var fromFuture = await client.GetApiAsync($"/audit?q={name}&from={future}");
        using var toFuture = await client.GetApiAsync($"/audit?q={name}&to={future}");

        // Assert
        Assert.Equal(1, (await byQuery.ReadJsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await otherActor.ReadJsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await fromFuture.ReadJsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(1, (await toFuture.ReadJsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_BadDate_Returns400WithDetail()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/audit?from=yesterday");

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("'from'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ToBeforeFrom_Returns400FieldError()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/audit?from=2024-02-01&to=2024-01-01");

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("to"));
    }

    [Fact]
    public async Task TokenCreation_SecretNeverAppearsInAuditRows()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var created = await client.PostJsonAsync("/tokens", new { name = "audited-token" });
        var token = await created.ReadJsonAsync();
        var value = token.GetProperty("value").GetString()!;
        using var audit = await client.GetApiAsync($"/audit?entityType=AccessToken&entityId={token.GetProperty("id").GetInt32()}");
        var text = await audit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var all = await client.GetApiAsync("/audit?pageSize=200");
        var allText = await all.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("admin", row.GetProperty("actor").GetString());
        Assert.Equal("api", row.GetProperty("source").GetString());
        Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        Assert.DoesNotContain(value, allText, StringComparison.Ordinal);
        Assert.DoesNotContain(value[10..], allText, StringComparison.Ordinal);
    }
}
