using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>UpstreamService against a real migrated SQLite file: writes, conflicts, audit, config version and health.</summary>
public sealed class UpstreamServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private TestConfigSignal _signal = null!;
    private UpstreamHealthRegistry _health = null!;
    private UpstreamService _service = null!;
    private BackendService _backends = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _signal = new TestConfigSignal();
        var audit = new AuditRecorder(_database.Factory, time);
        var writer = new ConfigChangeWriter(_signal, audit);
        _health = new UpstreamHealthRegistry(time);
        _service = new UpstreamService(_database.Factory, writer, audit, _health, time);
        _backends = new BackendService(_database.Factory, writer, time);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task CreateAsync_Valid_StoredAuditedAndSignalled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var created = await _service.CreateAsync(new UpstreamInput { Name = "Orders.Svc", HashOn = "header", HashOnHeader = "X-User" }, GatewayHost.TestActor, ct);

        // Assert
        var found = await _service.FindAsync("orders.svc", ct);
        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal(UpstreamAlgorithms.ConsistentHashing, found.Algorithm);
        Assert.Equal("X-User", found.HashOnHeader);
        Assert.Equal(created.Id, (await _service.FindAsync(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct))!.Id);
        Assert.Equal(1, _signal.Count);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == UpstreamService.EntityName && a.Action == "Created", ct));
    }

    [Fact]
    public async Task UpdateAsync_Healthchecks_StoredAsJsonAndReadBack()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await _service.CreateAsync(new UpstreamInput { Name = "orders" }, GatewayHost.TestActor, ct);
        var checks = new UpstreamHealthchecks
        {
            Active = new ActiveHealthcheck { HttpPath = "/ping", Healthy = new ActiveHealthy { Interval = 0.25, Successes = 3 }, Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-A"] = ["1"] } },
            Passive = new PassiveHealthcheck { Unhealthy = new PassiveUnhealthy { Timeouts = 5 } },
        };

        // Act
        await _service.UpdateAsync("orders", UpstreamInput.From(created) with { Healthchecks = checks }, GatewayHost.TestActor, ct);

        // Assert
        var found = (await _service.FindAsync("orders", ct))!.Healthchecks;
        Assert.Equal("/ping", found.Active.HttpPath);
        Assert.Equal(0.25, found.Active.Healthy.Interval);
        Assert.Equal(3, found.Active.Healthy.Successes);
        Assert.Equal(["1"], found.Active.Headers["X-A"]);
        Assert.Equal(5, found.Passive.Unhealthy.Timeouts);
        Assert.Equal(2, _signal.Count);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == UpstreamService.EntityName && a.Action == "Updated", ct);
        Assert.Contains("\"/ping\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameAnyCase_Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await _service.CreateAsync(new UpstreamInput { Name = "orders" }, GatewayHost.TestActor, ct);
        await Assert.ThrowsAsync<EntityConflictException>(() => _service.CreateAsync(new UpstreamInput { Name = "ORDERS" }, GatewayHost.TestActor, ct));
        Assert.Equal(1, _signal.Count);
    }

    [Fact]
    public async Task CreateAsync_Invalid_FieldErrorsNothingStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.CreateAsync(new UpstreamInput { Name = "u", HashOn = "cookie" }, GatewayHost.TestActor, ct));
        Assert.Equal(["hashOnCookie"], error.Errors.Keys);
        Assert.Equal(0, _signal.Count);
    }

    [Fact]
    public async Task UpdateAsync_StaleStamp_Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await _service.CreateAsync(new UpstreamInput { Name = "u" }, GatewayHost.TestActor, ct);
        await _service.UpdateAsync("u", UpstreamInput.From(created) with { Slots = 100 }, GatewayHost.TestActor, ct);
        await Assert.ThrowsAsync<EntityConflictException>(() => _service.UpdateAsync("u", UpstreamInput.From(created) with { Slots = 200 }, GatewayHost.TestActor, ct));
        Assert.Equal(100, (await _service.FindAsync("u", ct))!.Slots);
    }

    [Fact]
    public async Task UpdateAsync_Missing_NotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _service.UpdateAsync("nope", new UpstreamInput { Name = "nope" }, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task Targets_AddEditRemove_StoredNormalized()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _service.CreateAsync(new UpstreamInput { Name = "u" }, GatewayHost.TestActor, ct);

        // Act
        await _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "Host-A" }, GatewayHost.TestActor, ct);
        await _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "10.0.0.2:81", Weight = 5 }, GatewayHost.TestActor, ct);
        await _service.UpdateTargetAsync("u", "host-a:8000", new UpstreamTargetInput { Weight = 0 }, GatewayHost.TestActor, ct);
        await _service.RemoveTargetAsync("u", "10.0.0.2:81", GatewayHost.TestActor, ct);

        // Assert
        var target = Assert.Single((await _service.FindAsync("u", ct))!.Targets);
        Assert.Equal("host-a:8000", target.Target);
        Assert.Equal(0, target.Weight);
        Assert.Equal(5, _signal.Count);
    }

    [Fact]
    public async Task AddTargetAsync_Duplicate_Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await _service.CreateAsync(new UpstreamInput { Name = "u" }, GatewayHost.TestActor, ct);
        await _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "a:80" }, GatewayHost.TestActor, ct);
        await Assert.ThrowsAsync<EntityConflictException>(() => _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "A:80", Weight = 3 }, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task AddTargetAsync_Invalid_FieldErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        await _service.CreateAsync(new UpstreamInput { Name = "u" }, GatewayHost.TestActor, ct);
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "::1", Weight = 70000 }, GatewayHost.TestActor, ct));
        Assert.Equal(["target", "weight"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task UpdateTargetAsync_MissingTarget_NotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await _service.CreateAsync(new UpstreamInput { Name = "u" }, GatewayHost.TestActor, ct);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _service.UpdateTargetAsync("u", "x:1", new UpstreamTargetInput { Weight = 1 }, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task DeleteAsync_BackendHostNamesIt_ConflictThenDeletedOnceFree()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _service.CreateAsync(new UpstreamInput { Name = "orders" }, GatewayHost.TestActor, ct);
        var backend = await _backends.CreateAsync(new BackendInput { Name = "b", Host = "Orders" }, GatewayHost.TestActor, ct);

        // Act / Assert
        var conflict = await Assert.ThrowsAsync<EntityConflictException>(() => _service.DeleteAsync("orders", GatewayHost.TestActor, ct));
        Assert.Contains("backend(s): b.", conflict.Message, StringComparison.Ordinal);
        await _backends.DeleteAsync(backend.Id, GatewayHost.TestActor, ct);
        await _service.DeleteAsync("orders", GatewayHost.TestActor, ct);
        Assert.Null(await _service.FindAsync("orders", ct));
    }

    [Fact]
    public async Task SetTargetHealthAsync_Manual_StateReportedAndAudited()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _service.CreateAsync(new UpstreamInput { Name = "u" }, GatewayHost.TestActor, ct);
        await _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "a:1" }, GatewayHost.TestActor, ct);
        await _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "b:1" }, GatewayHost.TestActor, ct);
        await _service.AddTargetAsync("u", new UpstreamTargetInput { Target = "c:1", Weight = 0 }, GatewayHost.TestActor, ct);
        var version = _health.Version;

        // Act
        var result = await _service.SetTargetHealthAsync("u", "b:1", healthy: false, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(UpstreamTargetHealth.Unhealthy, result.State);
        Assert.Equal("manual", result.ChangedBy);
        Assert.NotEqual(version, _health.Version);
        var states = await _service.GetHealthAsync("u", ct);
        Assert.Equal(["healthy", "unhealthy", "disabled"], states.Select(s => s.State));
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "MarkedUnhealthy", ct));
    }

    [Fact]
    public async Task SetTargetHealthAsync_UnknownUpstream_NotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _service.SetTargetHealthAsync("none", "a:1", healthy: true, GatewayHost.TestActor, ct));
    }
}
