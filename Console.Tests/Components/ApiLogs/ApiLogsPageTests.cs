using ApiManager.Admin.Components.Pages.ApiLogs;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Pipeline;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Tests.Components.ApiLogs;

/// <summary>The API Logs page: rows, filters, the live tail with pause/resume, and the rejection explanation.</summary>
public sealed class ApiLogsPageTests : AdminTestContext
{
    private static readonly GatewayError QuotaExceeded = new(429, "quota_exceeded", "Too Many Requests", "The client used its API quota for this period.");

    [Fact]
    public void Render_Calls_NewestFirstWithRejectionStageAndCode()
    {
        // Arrange
        Write(Call("/ok", 200, minutesAgo: 3), Call("/denied", 401, GatewayStage.Authentication, GatewayError.InvalidCredential, minutesAgo: 2));

        // Act
        var cut = Render<ApiLogList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["/denied", "/ok"], Paths(cut)));
        Assert.Equal(["401", "200"], cut.FindAll("[data-testid=call-row-status]").Select(e => e.TextContent.Trim()));
        Assert.Equal("Authentication: invalid_credential", Assert.Single(cut.FindAll("[data-testid=call-row-code]")).TextContent);
        Assert.Equal("Live", cut.Find("[data-testid=live-state]").TextContent.Trim());
    }

    [Fact]
    public void Render_EmptyLog_NoCallsMessage()
    {
        // Act
        var cut = Render<ApiLogList>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No calls match.", cut.Find("[data-testid=no-calls]").TextContent));
    }

    [Fact]
    public async Task RowClick_RejectedCall_DetailExplainsWhyAndWhatToDo()
    {
        // Arrange
        Write(Call("/ok", 200, minutesAgo: 3), Call("/denied", 401, GatewayStage.Authentication, GatewayError.InvalidCredential, minutesAgo: 2));
        var cut = Render<ApiLogList>();
        cut.WaitForAssertion(() => Assert.Equal(2, Paths(cut).Count));

        // Act
        await cut.FindAll("[data-testid=calls-table] tbody tr")[0].ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid=call-detail]");
        Assert.Equal("Rejected during authentication: the credentials were missing or wrong, or the client may not call this API now.", cut.Find("[data-testid=explanation-summary]").TextContent);
        Assert.Equal(GatewayError.InvalidCredential.Detail, cut.Find("[data-testid=explanation-detail]").TextContent);
        Assert.Contains("valid credentials", cut.Find("[data-testid=explanation-next]").TextContent, StringComparison.Ordinal);
        Assert.Equal("invalid_credential", cut.Find("[data-testid=detail-code]").TextContent);
        Assert.Equal("Authentication", cut.Find("[data-testid=detail-stage]").TextContent);
    }

    [Fact]
    public async Task RowClick_QuotaExceeded_ExplainsTheReset()
    {
        // Arrange
        Write(Call("/orders", 429, GatewayStage.ClientLimits, QuotaExceeded, minutesAgo: 1));
        var cut = Render<ApiLogList>();
        cut.WaitForAssertion(() => Assert.Single(Paths(cut)));

        // Act
        await cut.Find("[data-testid=calls-table] tbody tr").ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid=call-detail]");
        Assert.StartsWith("Rejected by the client's limits", cut.Find("[data-testid=explanation-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("whole API quota", cut.Find("[data-testid=explanation-next]").TextContent, StringComparison.Ordinal);
        Assert.Contains("resets", cut.Find("[data-testid=explanation-next]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowClick_PassedCallThenClose_SaysForwardedAndCloses()
    {
        // Arrange
        Write(Call("/ok", 200, minutesAgo: 1));
        var cut = Render<ApiLogList>();
        cut.WaitForAssertion(() => Assert.Single(Paths(cut)));

        // Act
        await cut.Find("[data-testid=calls-table] tbody tr").ClickAsync(new());
        var summary = cut.WaitForElement("[data-testid=explanation-summary]").TextContent;
        await cut.Find("[data-testid=detail-close]").ClickAsync(new());

        // Assert
        Assert.Equal("Passed every gateway check and was forwarded; the backend answered 200.", summary);
        Assert.Empty(cut.FindAll("[data-testid=call-detail]"));
    }

    [Fact]
    public async Task RowClick_RetriedCall_DetailShowsTargetRetriesAndSaysSo()
    {
        // Arrange
        var call = Call("/retried", 200, minutesAgo: 1);
        call.Target = "127.0.0.1:5002";
        call.Retries = 2;
        Write(call);
        var cut = Render<ApiLogList>();
        cut.WaitForAssertion(() => Assert.Single(Paths(cut)));

        // Act
        await cut.Find("[data-testid=calls-table] tbody tr").ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid=call-detail]");
        Assert.Equal("127.0.0.1:5002", cut.Find("[data-testid=detail-target]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=detail-retries]").TextContent);
        Assert.EndsWith("Retried 2 times; served by 127.0.0.1:5002.", cut.Find("[data-testid=explanation-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyFilters_RejectedOnlyStatusAndRange_NarrowTheRows()
    {
        // Arrange
        Write(
            Call("/old", 200, minutesAgo: 120),
            Call("/ok", 200, minutesAgo: 5),
            Call("/missing", 404, GatewayStage.Routing, GatewayError.RouteNotFound, minutesAgo: 4),
            Call("/broken", 502, GatewayStage.Backend, GatewayError.BadGateway, minutesAgo: 3));
        var cut = Render<ApiLogList>();
        cut.WaitForAssertion(() => Assert.Equal(4, Paths(cut).Count));

        // Act & Assert
        cut.Instance.Filter.RejectedOnly = true;
        await cut.Find("[data-testid=filter-apply]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(["/broken", "/missing"], Paths(cut)));

        cut.Instance.Filter.StatusClass = "5xx";
        await cut.Find("[data-testid=filter-apply]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(["/broken"], Paths(cut)));

        await cut.Find("[data-testid=filter-clear]").ClickAsync(new());
        cut.Instance.Filter.Range = ApiLogRange.LastHour;
        cut.Instance.Filter.Stage = "Routing";
        await cut.Find("[data-testid=filter-apply]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(["/missing"], Paths(cut)));

        await cut.Find("[data-testid=filter-clear]").ClickAsync(new());
        cut.Instance.Filter.Range = ApiLogRange.LastHour;
        await cut.Find("[data-testid=filter-apply]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(["/broken", "/missing", "/ok"], Paths(cut)));
    }

    [Fact]
    public async Task ApplyFilters_ClientIdTooLong_ErrorShownNoCrash()
    {
        // Arrange
        var cut = Render<ApiLogList>();
        cut.WaitForElement("[data-testid=no-calls]");

        // Act
        cut.Instance.Filter.ClientId = new string('c', 201);
        await cut.Find("[data-testid=filter-apply]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("200 characters", cut.Find("[data-testid=load-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LiveTail_NewCall_AppearsWithoutReloadUntilPaused()
    {
        // Arrange
        Write(Call("/first", 200, minutesAgo: 2));
        var cut = Render<ApiLogList>(p => p.Add(x => x.RefreshIntervalMs, 100));
        cut.WaitForAssertion(() => Assert.Equal(["/first"], Paths(cut)));

        // Act: a new call while live.
        Write(Call("/second", 403, GatewayStage.Authentication, GatewayError.ApiNotAuthorized, minutesAgo: 1));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["/second", "/first"], Paths(cut)));

        // Act: paused, a further call stays away until resumed.
        await cut.Find("[data-testid=live-toggle]").ClickAsync(new());
        Write(Call("/third", 200, minutesAgo: 0));
        await Task.Delay(400, Ct);

        // Assert
        Assert.Equal("Paused", cut.Find("[data-testid=live-state]").TextContent.Trim());
        Assert.Equal(["/second", "/first"], Paths(cut));
        await cut.Find("[data-testid=live-toggle]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(["/third", "/second", "/first"], Paths(cut)));
    }

    [Fact]
    public async Task LoadOlder_MoreThanAPage_AppendsOlderRows()
    {
        // Arrange
        Write([.. Enumerable.Range(0, ApiLogList.PageSize + 3).Select(i => Call("/p" + i, 200, secondsAgo: 1000 - i))]);
        var cut = Render<ApiLogList>();
        cut.WaitForAssertion(() => Assert.Equal(ApiLogList.PageSize, Paths(cut).Count));

        // Act
        await cut.Find("[data-testid=load-older]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(ApiLogList.PageSize + 3, Paths(cut).Count));
        Assert.Equal("/p0", Paths(cut)[^1]);
        Assert.Empty(cut.FindAll("[data-testid=load-older]"));
    }

    private static List<string> Paths(IRenderedComponent<ApiLogList> cut) =>
        [.. cut.FindAll("[data-testid=call-row-path]").Select(e => e.TextContent)];

    private CallRecord Call(string path, int status, GatewayStage? stage = null, GatewayError? error = null, int minutesAgo = 0, int? secondsAgo = null) => new()
    {
        EndedAt = Time.GetUtcNow() - (secondsAgo is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(minutesAgo)),
        RequestId = "req" + path.Replace('/', '-'),
        Method = "GET",
        Path = path,
        Status = status,
        BackendStatus = stage is null ? status : 0,
        Stage = stage,
        Error = error,
    };

    private void Write(params CallRecord[] calls)
    {
        using var sink = new SqliteCallLogSink(Services.GetRequiredService<IOptions<DatabaseOptions>>(), Options.Create(new CallLogOptions { NodeName = "ui" }));
        sink.Write(calls);
    }
}
