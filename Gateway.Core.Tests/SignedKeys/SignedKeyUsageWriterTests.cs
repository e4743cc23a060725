using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Credentials.SignedKeys.Runtime;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiManager.Gateway.Tests.SignedKeys;

/// <summary><see cref="SignedKeyUsageWriter"/> on real SQLite: lowers the stored count, never overwrites a quota set anew.</summary>
public sealed class SignedKeyUsageWriterTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ClientTestServices _clients = null!;
    private SignedKeyService _service = null!;
    private SignedKeyRuntime _runtime = null!;
    private SignedKeyUsageWriter _writer = null!;
    private int _clientId;
    private int _apiId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(ct);
        _clients = new ClientTestServices(_database);
        var protector = new SecretProtector(new EphemeralDataProtectionProvider());
        _service = new SignedKeyService(_database.Factory, new ConfigChangeWriter(_clients.Signal, new AuditRecorder(_database.Factory, _clients.Time)), protector, _clients.Mail, _clients.Time);
        _runtime = new SignedKeyRuntime(protector, NullLogger<SignedKeyRuntime>.Instance);
        _writer = new SignedKeyUsageWriter(_runtime, _database.Factory, NullLogger<SignedKeyUsageWriter>.Instance);
        _clientId = (await _clients.Clients.CreateAsync(ClientTestServices.Input("writer"), GatewayHost.TestActor, ct)).Id;
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var backend = new Backend { Name = "b1", Host = "127.0.0.1", Port = 9000 };
        db.Backends.Add(backend);
        await db.SaveChangesAsync(ct);
        var api = new ApiDefinition { Name = "orders", DisplayName = "Orders", Path = "/orders", BackendId = backend.Id };
        db.Apis.Add(api);
        await db.SaveChangesAsync(ct);
        _apiId = api.Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task PersistAsync_AfterCalls_StoresLowerCount()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var entry = await IssueAsync(5, ct);
        _runtime.Consume(entry);
        _runtime.Consume(entry);

        // Act
        Assert.True(_runtime.Flushes.TryRead(out var id));
        await _writer.PersistAsync(id, ct);

        // Assert
        Assert.Equal(3, await StoredAsync(entry.Id, ct));
    }

    [Fact]
    public async Task PersistAsync_QuotaExtendedMeanwhile_LeavesNewQuota()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var entry = await IssueAsync(5, ct);
        _runtime.Consume(entry);
        _clients.Time.Advance(TimeSpan.FromMinutes(1));
        await _service.ExtendAsync(_clientId, entry.Id, null, 50, GatewayHost.TestActor, ct);

        // Act
        Assert.True(_runtime.Flushes.TryRead(out var id));
        await _writer.PersistAsync(id, ct);

        // Assert
        Assert.Equal(50, await StoredAsync(entry.Id, ct));
    }

    private async Task<SignedKeyEntry> IssueAsync(long quota, CancellationToken ct)
    {
        var created = await _service.CreateAsync(
            _clientId, new SignedKeyInput { ExpiresAt = _clients.Time.GetUtcNow().UtcDateTime.AddDays(1), TimesQuota = quota, ApiIds = [_apiId] }, GatewayHost.TestActor, ct);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var rows = await db.SignedApiKeys.AsNoTracking().Include(k => k.Apis).ToListAsync(ct);
        var catalog = SignedKeyCatalog.Build(rows);
        return catalog.ById[created.Key.Id];
    }

    private async Task<long> StoredAsync(long id, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        return await db.SignedApiKeys.Where(k => k.Id == id).Select(k => k.RemainingUses).SingleAsync(ct);
    }
}
