using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>The raw SQLite sink writes every field of every record, in multi-row chunks plus single rows.</summary>
public sealed class SqliteCallLogSinkTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public async Task Write_BatchLargerThanAChunk_EveryRowStoredInOrder()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        using var sink = CallLogStore.Sink(database);
        var batch = Enumerable.Range(0, (SqliteCallLogSink.DefaultChunkRows * 2) + 5)
            .Select(i => CallLogStore.Record(At.AddSeconds(i), requestId: "req-" + i)).ToList();

        // Act
        sink.Write(batch);
        sink.Write([CallLogStore.Record(At, requestId: "again")]);

        // Assert
        var service = new CallLogService(database.Factory);
        var page = await service.ListAsync(new CallLogQuery { Limit = 500 }, ct);
        Assert.Equal(batch.Count + 1, page.Items.Count);
        Assert.Equal(["again", .. batch.Select(r => r.RequestId).Reverse()], page.Items.Select(r => r.RequestId));
    }

    [Fact]
    public async Task Write_FullRecord_AllFieldsStored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        using var sink = CallLogStore.Sink(database, node: "gw-7");
        var route = CallLogStore.Route(42, "orders");
        route = route with
        {
            Authentication = ApiManager.Gateway.Credentials.Plugins.Runtime.CompiledAuthentication.Compile(
                ApiManager.Gateway.Credentials.CredentialTypes.KeyAuth,
                new ApiManager.Gateway.Credentials.Plugins.ApiAuthenticationOptions { KeyAuth = new ApiManager.Gateway.Credentials.Plugins.KeyAuthOptions { KeyNames = ["partner-key"] } }),
        };
        var record = CallLogStore.Record(At, 429, route, CallLogStore.Caller(5, "xk-123"), GatewayStage.ClientLimits, ApiManager.Gateway.Traffic.TrafficErrors.TpsExceeded, "req-full", "?partner-key=abc&apikey=def&page=3");
        record.BytesIn = 17;
        record.BytesOut = 230;
        record.CacheStatus = "Miss";
        record.Plugin = ApiManager.Gateway.Plugins.PluginType.RateLimiting;
        record.Target = "10.0.0.5:8081";
        record.Retries = 2;

        // Act
        sink.Write([record]);

        // Assert
        var row = Assert.Single((await new CallLogService(database.Factory).ListAsync(new CallLogQuery(), ct)).Items);
        Assert.Equal(At.UtcDateTime, row.At);
        Assert.Equal(DateTimeKind.Utc, row.At.Kind);
        Assert.Equal("req-full", row.RequestId);
        Assert.Equal("gw-7", row.Node);
        Assert.Equal(42, row.ApiId);
        Assert.Equal("orders", row.ApiName);
        Assert.Equal("v1", row.ApiVersion);
        Assert.Equal("c5", row.ClientId);
        Assert.Equal("XApiKey", row.CredentialType);
        Assert.Equal("xk-123", row.CredentialId);
        Assert.Equal("10.1.2.3", row.CallerIp);
        Assert.Equal("GET", row.Method);
        Assert.Equal("/p", row.Path);
        Assert.Equal("?partner-key=***&apikey=***&page=3", row.Query);
        Assert.Equal(429, row.Status);
        Assert.Null(row.BackendStatus);
        Assert.Equal(12, row.LatencyMs, 0.01);
        Assert.Null(row.BackendLatencyMs);
        Assert.Equal(17, row.BytesIn);
        Assert.Equal(230, row.BytesOut);
        Assert.Equal("Miss", row.CacheStatus);
        Assert.Equal("ClientLimits", row.Stage);
        Assert.Equal("rate-limiting", row.Plugin);
        Assert.Equal("tps_exceeded", row.ErrorCode);
        Assert.Equal(ApiManager.Gateway.Traffic.TrafficErrors.TpsExceeded.Detail, row.ErrorDetail);
        Assert.True(row.IsRejected);
        Assert.Equal("10.0.0.5:8081", row.Target);
        Assert.Equal(2, row.Retries);
    }

    [Fact]
    public async Task Write_TableMissing_ThrowsAndNextWriteReconnects()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        using var sink = CallLogStore.Sink(database);
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var rename = connection.CreateCommand();
            rename.CommandText = "ALTER TABLE CallLog RENAME TO CallLogAway";
            await rename.ExecuteNonQueryAsync(ct);
        }

        // Act
        var failure = Record.Exception(() => sink.Write([CallLogStore.Record(At)]));
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var back = connection.CreateCommand();
            back.CommandText = "ALTER TABLE CallLogAway RENAME TO CallLog";
            await back.ExecuteNonQueryAsync(ct);
        }

        sink.Write([CallLogStore.Record(At, requestId: "after")]);

        // Assert
        Assert.IsType<SqliteException>(failure);
        var row = Assert.Single((await new CallLogService(database.Factory).ListAsync(new CallLogQuery(), ct)).Items);
        Assert.Equal("after", row.RequestId);
    }
}
