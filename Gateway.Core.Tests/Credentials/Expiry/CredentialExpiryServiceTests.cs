using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Tests.Credentials.Expiry;

/// <summary>The token-expiry housekeeping over a real SQLite file on a fake clock: marks, reminders, idempotence.</summary>
public sealed class CredentialExpiryServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ClientTestServices _services = null!;
    private readonly ExpiryOptions _options = new();
    private readonly CountingCleaner _cleaner = new();

    private DateTime Now => _services.Time.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ClientTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private CredentialExpiryService Service() =>
        new(_database.Factory, _services.Mail, new AuditRecorder(_database.Factory, _services.Time), [_cleaner], _options, _services.Time);

    [Fact]
    public async Task RunAsync_KeysPastExpiry_MarkedExpiredOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await ClientAsync("c1", "a@example.com", ct);
        await AddXApiKeyAsync(client, "old", Now.AddMinutes(-1), ct);
        await AddXApiKeyAsync(client, "current", Now.AddDays(30), ct);
        await AddSignedKeyAsync(client, "old-signed", Now.AddSeconds(-1), ct);

        // Act
        var first = await Service().RunAsync(ct);
        var second = await Service().RunAsync(ct);

        // Assert
        Assert.Equal(1, first.ExpiredXApiKeys);
        Assert.Equal(1, first.ExpiredSignedKeys);
        Assert.Equal(0, second.ExpiredXApiKeys);
        Assert.Equal(0, second.ExpiredSignedKeys);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(XApiKeyStatus.Expired, (await db.ClientXApiKeys.SingleAsync(k => k.Alias == "old", ct)).Status);
        Assert.Equal(XApiKeyStatus.Active, (await db.ClientXApiKeys.SingleAsync(k => k.Alias == "current", ct)).Status);
        Assert.Equal(SignedKeyStatus.Expired, (await db.SignedApiKeys.SingleAsync(ct)).Status);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "ExpiryHousekeeping", ct));
    }

    [Fact]
    public async Task RunAsync_KeysExpiringWithinReminderDays_OneReminderPerKeyEvenWhenRunTwice()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await ClientAsync("c1", "a@example.com, b@example.com", ct);
        await AddXApiKeyAsync(client, "soon", Now.AddDays(6), ct);
        await AddXApiKeyAsync(client, "later", Now.AddDays(8), ct);
        await AddSignedKeyAsync(client, "soon-signed", Now.AddDays(7), ct);

        // Act
        var first = await Service().RunAsync(ct);
        var second = await Service().RunAsync(ct);

        // Assert
        Assert.Equal(2, first.RemindersQueued);
        Assert.Equal(0, second.RemindersQueued);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var mails = await db.OutboxMails.OrderBy(m => m.Id).ToListAsync(ct);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("a@example.com, b@example.com", m.To));
        Assert.Contains("'soon'", mails[0].Subject, StringComparison.Ordinal);
        Assert.Contains("c1", mails[0].Body, StringComparison.Ordinal);
        Assert.Contains("'soon-signed'", mails[1].Subject, StringComparison.Ordinal);
        Assert.NotNull((await db.ClientXApiKeys.SingleAsync(k => k.Alias == "soon", ct)).ExpiryReminderSentAt);
        Assert.Null((await db.ClientXApiKeys.SingleAsync(k => k.Alias == "later", ct)).ExpiryReminderSentAt);
        Assert.Equal(Now, (await db.SignedApiKeys.SingleAsync(ct)).ExpiryReminderSentAt);
    }

    [Fact]
    public async Task RunAsync_ClientWithoutEmail_SkipsUntilAnAddressExists()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await ClientAsync("c1", null, ct);
        await AddXApiKeyAsync(client, "soon", Now.AddDays(2), ct);

        // Act
        var without = await Service().RunAsync(ct);
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            await db.ApiClients.Where(c => c.Id == client).ExecuteUpdateAsync(u => u.SetProperty(c => c.Emails, "late@example.com"), ct);
        }

        var with = await Service().RunAsync(ct);

        // Assert
        Assert.Equal((0, 1), (without.RemindersQueued, without.RemindersSkipped));
        Assert.Equal((1, 0), (with.RemindersQueued, with.RemindersSkipped));
        Assert.Contains("1 key(s) due one belong to clients without an email address", without.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RevokedKeys_NeitherMarkedNorReminded()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await ClientAsync("c1", "a@example.com", ct);
        await AddXApiKeyAsync(client, "revoked-soon", Now.AddDays(1), ct, XApiKeyStatus.Revoked);
        await AddXApiKeyAsync(client, "revoked-old", Now.AddDays(-1), ct, XApiKeyStatus.Revoked);

        // Act
        var result = await Service().RunAsync(ct);

        // Assert
        Assert.Equal(0, result.ExpiredXApiKeys);
        Assert.Equal(0, result.RemindersQueued);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.All(await db.ClientXApiKeys.ToListAsync(ct), k => Assert.Equal(XApiKeyStatus.Revoked, k.Status));
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
    }

    [Fact]
    public async Task RunAsync_ReminderDaysZero_QueuesNoReminder()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await ClientAsync("c1", "a@example.com", ct);
        await AddXApiKeyAsync(client, "soon", Now.AddHours(1), ct);
        _options.CurrentValue.ExpiryReminderDays = 0;

        // Act
        var result = await Service().RunAsync(ct);

        // Assert
        Assert.Equal(0, result.RemindersQueued);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
    }

    [Fact]
    public async Task RunAsync_TokenCleaners_AreCalledWithNowAndSummed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        _cleaner.Deleted = 4;

        // Act
        var result = await Service().RunAsync(ct);

        // Assert
        Assert.Equal(4, result.TokensDeleted);
        Assert.Equal(Now, _cleaner.CalledWith);
    }

    private async Task<int> ClientAsync(string clientId, string? emails, CancellationToken ct)
    {
        var client = await _services.Clients.CreateAsync(ClientTestServices.Input(clientId) with { Emails = emails }, GatewayHost.TestActor, ct);
        return client.Id;
    }

    private async Task AddXApiKeyAsync(int clientId, string alias, DateTime expiresAt, CancellationToken ct, XApiKeyStatus status = XApiKeyStatus.Active)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var key = CredentialSecrets.NewKey();
        db.ClientXApiKeys.Add(new ClientXApiKey
        {
            ApiClientId = clientId,
            Alias = alias,
            KeyHash = CredentialSecrets.Hash(key),
            Mask = CredentialSecrets.Mask(key),
            ExpiresAt = expiresAt,
            Status = status,
            CreatedAt = Now,
            CreatedBy = "tester",
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task AddSignedKeyAsync(int clientId, string alias, DateTime expiresAt, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        db.SignedApiKeys.Add(new SignedApiKey
        {
            ApiClientId = clientId,
            Alias = alias,
            ApiKey = CredentialSecrets.NewKey(),
            ProtectedSecret = "protected",
            SecretMask = "abc...xyz",
            ExpiresAt = expiresAt,
            CreatedAt = Now,
            QuotaSetAt = Now,
        });
        await db.SaveChangesAsync(ct);
    }

    private sealed class ExpiryOptions : IOptionsMonitor<CredentialExpiryOptions>
    {
        public CredentialExpiryOptions CurrentValue { get; } = new();

        public CredentialExpiryOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<CredentialExpiryOptions, string?> listener) => null;
    }

    private sealed class CountingCleaner : IExpiredTokenCleaner
    {
        public int Deleted { get; set; }

        public DateTime? CalledWith { get; private set; }

        public Task<int> DeleteExpiredAsync(DateTime now, CancellationToken cancellationToken)
        {
            CalledWith = now;
            return Task.FromResult(Deleted);
        }
    }
}
