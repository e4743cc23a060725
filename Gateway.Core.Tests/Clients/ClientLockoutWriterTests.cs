using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary><see cref="ClientLockoutWriter"/> against a real SQLite file.</summary>
public sealed class ClientLockoutWriterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly TestConfigSignal _signal = new();
    private TempDatabase _database = null!;
    private ClientLockoutWriter _writer = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var changes = new ConfigChangeWriter(_signal, new AuditRecorder(_database.Factory, _time));
        _writer = new ClientLockoutWriter(new ClientLockoutTracker(), _database.Factory, changes, _time, NullLogger<ClientLockoutWriter>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Persist_Count_UpdatesWithoutVersionBumpOrAudit()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await InsertAsync(ClientStatus.Enabled, ct);
        var version = await VersionAsync(ct);

        // Act
        await _writer.PersistAsync(new LockoutUpdate(id, "c1", 2, false), ct);

        // Assert
        var stored = await ReadAsync(id, ct);
        Assert.Equal((ClientStatus.Enabled, 2), (stored.Status, stored.FailedAttempts));
        Assert.Equal(version, await VersionAsync(ct));
        Assert.Equal(0, await LockAuditsAsync(ct));
    }

    [Fact]
    public async Task Persist_Lock_LocksAuditsAsSystemAndBumpsVersion()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await InsertAsync(ClientStatus.Enabled, ct);
        var version = await VersionAsync(ct);

        // Act
        await _writer.PersistAsync(new LockoutUpdate(id, "c1", 3, true), ct);

        // Assert
        var stored = await ReadAsync(id, ct);
        Assert.Equal((ClientStatus.Locked, 3), (stored.Status, stored.FailedAttempts));
        Assert.Equal(version + 1, await VersionAsync(ct));
        Assert.Equal(1, await LockAuditsAsync(ct));
        Assert.Equal(1, _signal.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Persist_DisabledClient_LeavesItAlone(bool locks)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await InsertAsync(ClientStatus.Disabled, ct);

        // Act
        await _writer.PersistAsync(new LockoutUpdate(id, "c1", 3, locks), ct);

        // Assert
        var stored = await ReadAsync(id, ct);
        Assert.Equal((ClientStatus.Disabled, 0), (stored.Status, stored.FailedAttempts));
        Assert.Equal(0, await LockAuditsAsync(ct));
    }

    [Fact]
    public async Task Persist_DeletedClient_DoesNothing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        await _writer.PersistAsync(new LockoutUpdate(999, "gone", 3, true), ct);

        // Assert
        Assert.Equal(0, await LockAuditsAsync(ct));
        Assert.Equal(0, _signal.Count);
    }

    private async Task<int> InsertAsync(ClientStatus status, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var level = await db.SecurityLevels.Where(l => l.IsDefault).Select(l => l.Id).SingleAsync(ct);
        var client = new ApiClient { ClientId = "c1", ClientName = "c1", DisplayName = "c1", PasswordHash = ClientRowsFactory.PasswordHash, Note = "", SecurityLevelId = level, Status = status };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return client.Id;
    }

    private async Task<ApiClient> ReadAsync(int id, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        return await db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == id, ct);
    }

    private async Task<long> VersionAsync(CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        return await db.ConfigVersions.Where(v => v.Id == ConfigVersion.SingletonId).Select(v => v.Version).SingleAsync(ct);
    }

    private async Task<int> LockAuditsAsync(CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.CountAsync(a => a.EntityType == ClientLockoutWriter.EntityName && a.Action == "lock" && a.Actor == "system", ct);
    }
}
