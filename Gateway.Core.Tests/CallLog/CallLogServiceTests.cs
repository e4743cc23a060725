using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>Filters, keyset paging, lookups and validation of the call log query service.</summary>
public sealed class CallLogServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private TempDatabase _database = null!;
    private CallLogService _service = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _service = new CallLogService(_database.Factory);
        var orders = CallLogStore.Route(1, "orders");
        var users = CallLogStore.Route(2, "users");
        using var sink = CallLogStore.Sink(_database);
        sink.Write(
        [
            CallLogStore.Record(At, 200, orders, CallLogStore.Caller(1), requestId: "r1"),
            CallLogStore.Record(At.AddMinutes(1), 404, stage: GatewayStage.Routing, error: GatewayError.RouteNotFound, requestId: "r2"),
            CallLogStore.Record(At.AddMinutes(2), 401, users, stage: GatewayStage.Authentication, error: GatewayError.InvalidCredential, requestId: "r3"),
            CallLogStore.Record(At.AddMinutes(3), 302, users, CallLogStore.Caller(2), requestId: "r4"),
            CallLogStore.Record(At.AddMinutes(4), 502, orders, CallLogStore.Caller(1), GatewayStage.Backend, GatewayError.BadGateway, requestId: "r5"),
            CallLogStore.Record(At.AddMinutes(5), 200, orders, CallLogStore.Caller(2), requestId: "r6"),
            CallLogStore.Record(At.AddMinutes(6), 200, orders, CallLogStore.Caller(2), requestId: "r6"),
        ]);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task List_NoFilter_NewestFirst()
    {
        // Act
        var page = await _service.ListAsync(new CallLogQuery(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["r6", "r6", "r5", "r4", "r3", "r2", "r1"], page.Items.Select(r => r.RequestId));
        Assert.Null(page.NextBefore);
    }

    public static TheoryData<string, CallLogQuery, string[]> Filters => new()
    {
        { "time range", new CallLogQuery { From = At.AddMinutes(1).UtcDateTime, To = At.AddMinutes(3).UtcDateTime }, ["r4", "r3", "r2"] },
        { "api", new CallLogQuery { ApiId = 2 }, ["r4", "r3"] },
        { "client", new CallLogQuery { ClientId = "c1" }, ["r5", "r1"] },
        { "2xx", new CallLogQuery { StatusClass = CallStatusClass.Success }, ["r6", "r6", "r1"] },
        { "3xx", new CallLogQuery { StatusClass = CallStatusClass.Redirection }, ["r4"] },
        { "4xx", new CallLogQuery { StatusClass = CallStatusClass.ClientError }, ["r3", "r2"] },
        { "5xx", new CallLogQuery { StatusClass = CallStatusClass.ServerError }, ["r5"] },
        { "rejected", new CallLogQuery { RejectedOnly = true }, ["r5", "r3", "r2"] },
        { "stage", new CallLogQuery { Stage = "authentication" }, ["r3"] },
        { "request id", new CallLogQuery { RequestId = " r3 " }, ["r3"] },
        { "combined", new CallLogQuery { ApiId = 1, RejectedOnly = true, ClientId = "c1" }, ["r5"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task List_Filter_OnlyMatchingRows(string name, CallLogQuery query, string[] expected)
    {
        // Act
        var page = await _service.ListAsync(query, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(expected.SequenceEqual(page.Items.Select(r => r.RequestId)), name + ": " + string.Join(",", page.Items.Select(r => r.RequestId)));
    }

    [Fact]
    public async Task List_Paged_NextBeforeWalksOlderRows()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var first = await _service.ListAsync(new CallLogQuery { Limit = 3 }, ct);
        var second = await _service.ListAsync(new CallLogQuery { Limit = 3, Before = first.NextBefore }, ct);
        var third = await _service.ListAsync(new CallLogQuery { Limit = 3, Before = second.NextBefore }, ct);

        // Assert
        Assert.Equal(["r6", "r6", "r5"], first.Items.Select(r => r.RequestId));
        Assert.Equal(["r4", "r3", "r2"], second.Items.Select(r => r.RequestId));
        Assert.Equal(["r1"], third.Items.Select(r => r.RequestId));
        Assert.Null(third.NextBefore);
    }

    [Fact]
    public async Task FindByRequestId_Repeated_NewestRow()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var found = await _service.FindByRequestIdAsync("r6", ct);
        var missing = await _service.FindByRequestIdAsync("nope", ct);
        var byId = await _service.FindAsync(found!.Id, ct);

        // Assert
        Assert.Equal(At.AddMinutes(6).UtcDateTime, found.At);
        Assert.Null(missing);
        Assert.Equal(found.Id, byId!.Id);
        Assert.Equal(found.Id, await _service.LatestIdAsync(ct));
    }

    public static TheoryData<CallLogQuery, string> BadQueries => new()
    {
        { new CallLogQuery { From = At.UtcDateTime, To = At.AddSeconds(-1).UtcDateTime }, "to" },
        { new CallLogQuery { Limit = 0 }, "limit" },
        { new CallLogQuery { Limit = CallLogQuery.MaxLimit + 1 }, "limit" },
        { new CallLogQuery { Before = 0 }, "before" },
        { new CallLogQuery { ApiId = -1 }, "apiId" },
        { new CallLogQuery { Stage = "somewhere" }, "stage" },
        { new CallLogQuery { StatusClass = (CallStatusClass)7 }, "status" },
        { new CallLogQuery { ClientId = new string('c', 201) }, "clientId" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task List_BadQuery_FieldError(CallLogQuery query, string field)
    {
        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.ListAsync(query, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(field, error.Errors.Keys);
    }

    [Theory]
    [InlineData("2xx", CallStatusClass.Success)]
    [InlineData("3XX", CallStatusClass.Redirection)]
    [InlineData(" 4xx ", CallStatusClass.ClientError)]
    [InlineData("serverError", CallStatusClass.ServerError)]
    public void TryParseStatusClass_Valid_Parsed(string text, CallStatusClass expected)
    {
        // Act & Assert
        Assert.True(CallLogQuery.TryParseStatusClass(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("1xx")]
    [InlineData("6xx")]
    [InlineData("4")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2xxx")]
    public void TryParseStatusClass_Invalid_False(string? text)
    {
        // Act & Assert
        Assert.False(CallLogQuery.TryParseStatusClass(text, out _));
    }
}
