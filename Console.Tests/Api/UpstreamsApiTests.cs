using System.Net;
using ApiManager.Admin.Tests.Shared;

namespace ApiManager.Admin.Tests.Api;

public sealed class UpstreamsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task Crud_RoundTrip_ByNameAndId()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("crud");

        // Act
        using var created = await client.PostJsonAsync("/upstreams", new { name, hashOn = "header", hashOnHeader = "X-User", slots = 100 });
        var body = await created.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        using var byId = await client.GetApiAsync($"/upstreams/{id}");
        using var updated = await client.PutJsonAsync($"/upstreams/{name}", new
        {
            name,
            algorithm = "least-connections",
            concurrencyStamp = body.GetProperty("concurrencyStamp").GetString(),
        });
        var updatedBody = await updated.ReadJsonAsync();
        using var deleted = await client.DeleteApiAsync($"/upstreams/{name}");
        using var gone = await client.GetApiAsync($"/upstreams/{name}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/api/v1/upstreams/{name}", created.Headers.Location?.OriginalString);
        Assert.Equal("consistent-hashing", body.GetProperty("algorithm").GetString());
        Assert.Equal("X-User", body.GetProperty("hashOnHeader").GetString());
        Assert.Equal("/", body.GetProperty("hashOnCookiePath").GetString());
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("least-connections", updatedBody.GetProperty("algorithm").GetString());
        Assert.Equal("none", updatedBody.GetProperty("hashOn").GetString());
        Assert.Equal(10000, updatedBody.GetProperty("slots").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Create_InvalidFields_400WithFieldErrors()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/upstreams", new { name = "bad name", hashOn = "cookie", hashFallback = "ip", slots = 5 });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("name"));
        Assert.NotEmpty(problem.FieldErrors("hashOnCookie"));
        Assert.NotEmpty(problem.FieldErrors("hashFallback"));
        Assert.NotEmpty(problem.FieldErrors("slots"));
    }

    [Fact]
    public async Task Create_DuplicateName_409()
    {
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("dup");
        using var first = await client.PostJsonAsync("/upstreams", new { name });
        using var second = await client.PostJsonAsync("/upstreams", new { name = name.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await second.ReadProblemAsync(409);
    }

    [Fact]
    public async Task Targets_AddEditRemoveAndHealth_RoundTrip()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("pool");
        using var created = await client.PostJsonAsync("/upstreams", new { name });

        // Act
        using var added = await client.PostJsonAsync($"/upstreams/{name}/targets", new { target = "10.0.0.1:8080", weight = 50 });
        using var addedDefault = await client.PostJsonAsync($"/upstreams/{name}/targets", new { target = "backend.internal" });
        using var duplicate = await client.PostJsonAsync($"/upstreams/{name}/targets", new { target = "10.0.0.1:8080" });
        using var invalid = await client.PostJsonAsync($"/upstreams/{name}/targets", new { target = "::1", weight = -1 });
        using var edited = await client.PutJsonAsync($"/upstreams/{name}/targets/backend.internal:8000", new { weight = 0 });
        using var marked = await client.PostAsync($"{ApiHttp.Prefix}/upstreams/{name}/targets/10.0.0.1:8080/unhealthy", null, TestContext.Current.CancellationToken);
        using var health = await client.GetApiAsync($"/upstreams/{name}/health");
        using var list = await client.GetApiAsync($"/upstreams/{name}/targets");
        using var removed = await client.DeleteApiAsync($"/upstreams/{name}/targets/10.0.0.1:8080");
        using var missing = await client.DeleteApiAsync($"/upstreams/{name}/targets/10.0.0.1:8080");

        // Assert
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(100, (await addedDefault.ReadJsonAsync()).GetProperty("weight").GetInt32());
        Assert.Equal("backend.internal:8000", (await addedDefault.ReadJsonAsync()).GetProperty("target").GetString());
        await duplicate.ReadProblemAsync(409);
        var problem = await invalid.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors("target"));
        Assert.NotEmpty(problem.FieldErrors("weight"));
        Assert.Equal(0, (await edited.ReadJsonAsync()).GetProperty("weight").GetInt32());
        Assert.Equal("unhealthy", (await marked.ReadJsonAsync()).GetProperty("state").GetString());
        var states = (await health.ReadJsonAsync()).EnumerateArray().Select(s => (s.GetProperty("target").GetString(), s.GetProperty("state").GetString())).ToList();
        Assert.Equal([("10.0.0.1:8080", "unhealthy"), ("backend.internal:8000", "disabled")], states);
        Assert.Equal(2, (await list.ReadJsonAsync()).GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await missing.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Create_WithHealthchecks_StoredAndReturned()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("hc");

        // Act
        using var created = await client.PostJsonAsync("/upstreams", new
        {
            name,
            healthchecks = new
            {
                active = new
                {
                    type = "https",
                    httpPath = "/status",
                    timeout = 0.5,
                    httpsVerifyCertificate = false,
                    headers = new Dictionary<string, string[]> { ["X-Probe"] = ["1"] },
                    healthy = new { interval = 0.2, successes = 2 },
                    unhealthy = new { interval = 1.5, httpFailures = 3, httpStatuses = new[] { 500, 503 } },
                },
                passive = new { unhealthy = new { timeouts = 4 } },
            },
        });
        using var read = await client.GetApiAsync($"/upstreams/{name}");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var checks = (await read.ReadJsonAsync()).GetProperty("healthchecks");
        var active = checks.GetProperty("active");
        Assert.Equal("https", active.GetProperty("type").GetString());
        Assert.Equal("/status", active.GetProperty("httpPath").GetString());
        Assert.Equal(0.5, active.GetProperty("timeout").GetDouble());
        Assert.Equal(10, active.GetProperty("concurrency").GetInt32());
        Assert.False(active.GetProperty("httpsVerifyCertificate").GetBoolean());
        Assert.Equal("1", active.GetProperty("headers").GetProperty("X-Probe")[0].GetString());
        Assert.Equal(0.2, active.GetProperty("healthy").GetProperty("interval").GetDouble());
        Assert.Equal([200, 302], active.GetProperty("healthy").GetProperty("httpStatuses").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal([500, 503], active.GetProperty("unhealthy").GetProperty("httpStatuses").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(3, active.GetProperty("unhealthy").GetProperty("httpFailures").GetInt32());
        var passive = checks.GetProperty("passive");
        Assert.Equal(4, passive.GetProperty("unhealthy").GetProperty("timeouts").GetInt32());
        Assert.Equal([429, 500, 503], passive.GetProperty("unhealthy").GetProperty("httpStatuses").EnumerateArray().Select(s => s.GetInt32()));
    }

    [Fact]
    public async Task Create_BadHealthchecks_400WithFieldKeys()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.PostJsonAsync("/upstreams", new
        {
            name = ApiHttp.UniqueName("badhc"),
            healthchecks = new
            {
                active = new { type = "grpc", httpPath = "status", timeout = 0, concurrency = 0, healthy = new { interval = -1, httpStatuses = new[] { 99 } }, unhealthy = new { tcpFailures = 256 } },
                passive = new { type = "https", unhealthy = new { httpFailures = -1 } },
            },
        });

        // Assert
        var problem = await response.ReadProblemAsync(400);
        foreach (var field in new[]
        {
            "healthchecks.active.type", "healthchecks.active.httpPath", "healthchecks.active.timeout", "healthchecks.active.concurrency",
            "healthchecks.active.healthy.interval", "healthchecks.active.healthy.httpStatuses", "healthchecks.active.unhealthy.tcpFailures",
            "healthchecks.passive.type", "healthchecks.passive.unhealthy.httpFailures",
        })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
    }

    [Fact]
    public async Task Health_MarkedTarget_BodyHasStateCountersAndChange()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        var name = ApiHttp.UniqueName("hb");
        using var created = await client.PostJsonAsync("/upstreams", new { name });
        using var added = await client.PostJsonAsync($"/upstreams/{name}/targets", new { target = "10.0.0.9:81" });
        using var marked = await client.PostAsync($"{ApiHttp.Prefix}/upstreams/{name}/targets/10.0.0.9:81/unhealthy", null, TestContext.Current.CancellationToken);

        // Act
        using var health = await client.GetApiAsync($"/upstreams/{name}/health");

        // Assert
        var target = Assert.Single((await health.ReadJsonAsync()).EnumerateArray());
        Assert.Equal("unhealthy", target.GetProperty("state").GetString());
        Assert.Equal("manual", target.GetProperty("changedBy").GetString());
        Assert.StartsWith("set by ", target.GetProperty("changeReason").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, target.GetProperty("changedAt").ValueKind);
        var counters = target.GetProperty("counters");
        Assert.Equal(0, counters.GetProperty("successes").GetInt32());
        Assert.Equal(0, counters.GetProperty("httpFailures").GetInt32());
        Assert.Equal(0, counters.GetProperty("tcpFailures").GetInt32());
        Assert.Equal(0, counters.GetProperty("timeouts").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, target.GetProperty("lastProbe").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, target.GetProperty("lastProbeAt").ValueKind);
    }

    [Fact]
    public async Task UnknownUpstream_404Everywhere()
    {
        using var client = factory.CreateClient(factory.AdminToken);
        using var get = await client.GetApiAsync("/upstreams/no-such-pool");
        using var targets = await client.PostJsonAsync("/upstreams/no-such-pool/targets", new { target = "a:1" });
        using var health = await client.GetApiAsync("/upstreams/no-such-pool/health");
        await get.ReadProblemAsync(404);
        await targets.ReadProblemAsync(404);
        await health.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Writes_OperatorToken_403ButReadsAllowed()
    {
        using var client = factory.CreateClient(factory.OperatorToken);
        using var read = await client.GetApiAsync("/upstreams");
        using var write = await client.PostJsonAsync("/upstreams", new { name = ApiHttp.UniqueName("op") });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await write.ReadProblemAsync(403);
    }

    [Fact]
    public async Task List_NoToken_401()
    {
        using var client = factory.CreateClient(null);
        using var response = await client.GetApiAsync("/upstreams");
        await response.ReadProblemAsync(401);
    }
}
