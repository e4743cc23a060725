using System.Diagnostics;
using System.Net;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Tests.CallLog;

/// <summary>Writes call records straight into a temp database through the real SQLite sink.</summary>
internal static class CallLogStore
{
    private static readonly GatewayMetrics Metrics = new();

    public static SqliteCallLogSink Sink(TempDatabase database, string node = "node-a") =>
        new(Options.Create(new DatabaseOptions { ConnectionString = database.ConnectionString }), Options.Create(new CallLogOptions { NodeName = node }));

    public static RouteInfo Route(int apiId, string name) => new()
    {
        RouteId = "api-" + apiId,
        ApiId = apiId,
        Name = name,
        Version = "v1",
        Status = ApiStatus.Active,
        AllowedMethods = [],
        IsPublic = false,
        BackendId = 1,
        ClusterId = "backend-1",
        Path = "/" + name,
        Meters = Metrics.For(name, "v1"),
    };

    public static CallerFeature Caller(int id, string credentialId = "key-1") =>
        new(ClientRowsFactory.Entry(id), CredentialTypes.XApiKey, credentialId, null);

    /// <summary>A record of a request that started at <paramref name="at"/> and took 12 ms.</summary>
    public static CallRecord Record(
        DateTimeOffset at,
        int status = 200,
        RouteInfo? route = null,
        CallerFeature? caller = null,
        GatewayStage? stage = null,
        GatewayError? error = null,
        string requestId = "req",
        string? query = null)
    {
        var start = Stopwatch.GetTimestamp();
        return new CallRecord
        {
            EndedAt = at.AddMilliseconds(12),
            StartTimestamp = start,
            EndTimestamp = start + (Stopwatch.Frequency * 12 / 1000),
            RequestId = requestId,
            Route = route,
            Caller = caller,
            CallerIp = IPAddress.Parse("10.1.2.3"),
            Method = "GET",
            Path = "/p",
            Query = query,
            Status = status,
            BackendStatus = error is null && stage is null ? status : 0,
            BackendTicks = error is null && stage is null ? Stopwatch.Frequency * 5 / 1000 : 0,
            Stage = stage,
            Error = error,
        };
    }
}
