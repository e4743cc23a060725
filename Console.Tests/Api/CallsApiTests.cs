using System.Net;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Tests.Api;

/// <summary><c>/admin/api/v1/calls</c>: authentication, filters, paging, one call with its explanation, bad input.</summary>
public sealed class CallsApiTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_NoToken_401()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);

        // Act
        using var response = await client.GetApiAsync("/calls");

        // Assert
        await response.ReadProblemAsync(401);
    }

    [Fact]
    public async Task List_OperatorToken_FiltersNarrowTheList()
    {
        // Arrange
        var tag = Seed(
            (At, 200, null, null),
            (At.AddMinutes(1), 401, GatewayStage.Authentication, GatewayError.InvalidCredential),
            (At.AddMinutes(2), 404, GatewayStage.Routing, GatewayError.RouteNotFound),
            (At.AddMinutes(3), 502, GatewayStage.Backend, GatewayError.BadGateway));
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        var all = await CodesAsync(client, $"/calls?requestId={tag}-1");
        var rejected = await StatusesAsync(client, $"/calls?rejected=true&from=2026-11-22T10:00:00Z&to=2026-11-22T10:03:00Z&limit=500", tag);
        var fourxx = await StatusesAsync(client, "/calls?status=4xx&limit=500", tag);
        var stage = await StatusesAsync(client, "/calls?stage=backend&limit=500", tag);
        var range = await StatusesAsync(client, "/calls?from=2026-11-22T10:00:30Z&to=2026-11-22T10:02:00Z&limit=500", tag);

        // Assert
        Assert.Equal(["invalid_credential"], all);
        Assert.Equal([502, 404, 401], rejected);
        Assert.Equal([404, 401], fourxx);
        Assert.Equal([502], stage);
        Assert.Equal([404, 401], range);
    }

    [Fact]
    public async Task List_Limit_NextBeforePagesOlderRows()
    {
        // Arrange
        var tag = Seed((At, 200, null, null), (At.AddSeconds(1), 200, null, null), (At.AddSeconds(2), 200, null, null));
        using var client = factory.CreateClient(factory.AdminToken);
        using var first = await client.GetApiAsync("/calls?limit=2");
        var firstPage = await first.ReadJsonAsync();
        var next = firstPage.GetProperty("nextBefore").GetInt64();

        // Act
        using var second = await client.GetApiAsync($"/calls?limit=2&before={next}");
        var secondPage = await second.ReadJsonAsync();

        // Assert
        Assert.Equal([tag + "-2", tag + "-1"], firstPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("requestId").GetString()));
        Assert.Equal(tag + "-0", secondPage.GetProperty("items")[0].GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Get_RejectedCall_FieldsAndExplanation()
    {
        // Arrange
        var tag = Seed((At, 401, GatewayStage.Authentication, GatewayError.InvalidCredential));
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var response = await client.GetApiAsync($"/calls/{tag}-0");
        var call = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(401, call.GetProperty("status").GetInt32());
        Assert.True(call.GetProperty("rejected").GetBoolean());
        Assert.Equal("Authentication", call.GetProperty("stage").GetString());
        Assert.Equal("invalid_credential", call.GetProperty("errorCode").GetString());
        Assert.Equal("?page=1&token=***", call.GetProperty("query").GetString());
        var explanation = call.GetProperty("explanation");
        Assert.StartsWith("Rejected during authentication", explanation.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(GatewayError.InvalidCredential.Detail, explanation.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(explanation.GetProperty("nextStep").GetString()));
    }

    [Fact]
    public async Task Get_RetriedCall_TargetRetriesAndExplanation()
    {
        // Arrange
        var tag = Seed(
            r =>
            {
                r.Target = "127.0.0.1:5002";
                r.Retries = 2;
                r.BackendStatus = 200;
            },
            (At, 200, null, null));
        using var client = factory.CreateClient(factory.OperatorToken);

        // Act
        using var response = await client.GetApiAsync($"/calls/{tag}-0");
        var call = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1:5002", call.GetProperty("target").GetString());
        Assert.Equal(2, call.GetProperty("retries").GetInt32());
        Assert.EndsWith("Retried 2 times; served by 127.0.0.1:5002.", call.GetProperty("explanation").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownRequestId_404Problem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/calls/no-such-request");

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Theory]
    [InlineData("status=6xx", "status")]
    [InlineData("status=ok", "status")]
    [InlineData("stage=nowhere", "stage")]
    [InlineData("from=2026-11-22T10:00:00Z&to=2026-11-21T10:00:00Z", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("before=0", "before")]
    [InlineData("apiId=-3", "apiId")]
    public async Task List_BadFilter_400FieldError(string query, string field)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/calls?" + query);

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task List_UnparsableDate_400()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetApiAsync("/calls?from=yesterday");

        // Assert
        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("'from'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Writes rows with request ids <c>tag-0</c>, <c>tag-1</c>, … and returns the tag.</summary>
    private string Seed(params (DateTimeOffset At, int Status, GatewayStage? Stage, GatewayError? Error)[] calls) => Seed(null, calls);

    /// <summary>As <see cref="Seed(ValueTuple{DateTimeOffset, int, GatewayStage?, GatewayError?}[])"/>, with <paramref name="customize"/> applied to each record.</summary>
    private string Seed(Action<CallRecord>? customize, params (DateTimeOffset At, int Status, GatewayStage? Stage, GatewayError? Error)[] calls)
    {
        var tag = "calls-" + Guid.NewGuid().ToString("N")[..8];
        using var sink = new SqliteCallLogSink(factory.Services.GetRequiredService<IOptions<DatabaseOptions>>(), Options.Create(new CallLogOptions { NodeName = "api-test" }));
        sink.Write([.. calls.Select((c, i) => new CallRecord
        {
            EndedAt = c.At,
            RequestId = tag + "-" + i,
            Method = "GET",
            Path = "/" + tag,
            Query = "?page=1&token=abc",
            Status = c.Status,
            Stage = c.Stage,
            Error = c.Error,
        }).Select(r =>
        {
            customize?.Invoke(r);
            return r;
        })]);
        return tag;
    }

    private static async Task<List<string?>> CodesAsync(HttpClient client, string path)
    {
        using var response = await client.GetApiAsync(path);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("errorCode").GetString())];
    }

    private static async Task<List<int>> StatusesAsync(HttpClient client, string path, string tag)
    {
        using var response = await client.GetApiAsync(path);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("path").GetString() == "/" + tag)
            .Select(i => i.GetProperty("status").GetInt32())];
    }
}
