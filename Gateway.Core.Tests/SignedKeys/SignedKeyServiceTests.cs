using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.SignedKeys;

/// <summary>SignedKeyService over real SQLite: validation, one-time secret, encryption at rest, mail, audit without secrets.</summary>
public sealed class SignedKeyServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ClientTestServices _clients = null!;
    private SecretProtector _protector = null!;
    private SignedKeyService _service = null!;
    private int _apiId;

    private DateTime Now => _clients.Time.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(ct);
        _clients = new ClientTestServices(_database);
        _protector = new SecretProtector(new EphemeralDataProtectionProvider());
        var writer = new ConfigChangeWriter(_clients.Signal, new AuditRecorder(_database.Factory, _clients.Time));
        _service = new SignedKeyService(_database.Factory, writer, _protector, _clients.Mail, _clients.Time);
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
    public async Task CreateAsync_Valid_ReturnsSecretOnceStoresItEncryptedAndMails()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("partner", "ops@example.com, dev@example.com", ct);
        var signals = _clients.Signal.Count;

        // Act
        var created = await _service.CreateAsync(client, Input(), GatewayHost.TestActor, ct);

        // Assert
        Assert.True(created.ApiKey.Length >= 22);
        Assert.True(created.SecretKey.Length >= 43);
        Assert.DoesNotContain(created.ApiKey, "+/=", StringComparison.Ordinal);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var stored = await db.SignedApiKeys.Include(k => k.Apis).SingleAsync(ct);
        Assert.Equal(created.ApiKey, stored.ApiKey);
        Assert.DoesNotContain(created.SecretKey, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(created.SecretKey, _protector.Unprotect(stored.ProtectedSecret));
        Assert.Equal(CredentialSecrets.Mask(created.SecretKey), stored.SecretMask);
        Assert.Equal(10, stored.TimesQuota);
        Assert.Equal(10, stored.RemainingUses);
        Assert.Equal(SignedKeyStatus.Active, stored.Status);
        Assert.Equal([_apiId], stored.Apis.Select(a => a.ApiDefinitionId));
        var mail = await db.OutboxMails.SingleAsync(m => m.Id == created.MailId, ct);
        Assert.Contains("ops@example.com", mail.To, StringComparison.Ordinal);
        Assert.Contains(created.SecretKey, mail.Body, StringComparison.Ordinal);
        var audit = await db.AuditEntries.Where(a => a.EntityType == SignedKeyService.EntityName).ToListAsync(ct);
        var row = Assert.Single(audit);
        Assert.DoesNotContain(created.SecretKey, row.After ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(created.ApiKey, row.After ?? "", StringComparison.Ordinal);
        Assert.Equal(signals + 1, _clients.Signal.Count);
    }

    [Fact]
    public async Task CreateAsync_ClientWithoutEmail_NoMail()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("quiet", null, ct);

        // Act
        var created = await _service.CreateAsync(client, Input() with { TimesQuota = null }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Null(created.MailId);
        Assert.Equal(SignedApiKey.Unlimited, created.Key.TimesQuota);
    }

    [Fact]
    public async Task CreateAsync_BadInput_FieldErrorsAndNothingStored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("partner", null, ct);
        var input = new SignedKeyInput { Alias = new string('a', 201), ExpiresAt = Now.AddMinutes(-1), TimesQuota = 0, ApiIds = [] };

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.CreateAsync(client, input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["alias", "apiIds", "expiresAt", "timesQuota"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await _service.ListAsync(client, ct));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(0)]
    public async Task CreateAsync_QuotaNeitherUnlimitedNorPositive_Refused(long quota)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("partner", null, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.CreateAsync(client, Input() with { TimesQuota = quota }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["timesQuota"], error.Errors.Keys);
    }

    [Fact]
    public async Task CreateAsync_MissingExpiryAndUnknownApi_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("partner", null, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(
            () => _service.CreateAsync(client, new SignedKeyInput { ApiIds = [_apiId, 999] }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["Expiry is required."], error.Errors["expiresAt"]);
        Assert.Equal(["API 999 does not exist."], error.Errors["apiIds"]);
    }

    [Fact]
    public async Task CreateAsync_UnknownClient_NotFound()
    {
        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _service.CreateAsync(4242, Input(), GatewayHost.TestActor, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RevokeAsync_ThenDelete_StatusThenGone()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("partner", null, ct);
        var created = await _service.CreateAsync(client, Input(), GatewayHost.TestActor, ct);

        // Act
        await _service.RevokeAsync(client, created.Key.Id, GatewayHost.TestActor, ct);
        var revoked = await _service.FindAsync(client, created.Key.Id, ct);
        await _service.DeleteAsync(client, created.Key.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(SignedKeyStatus.Revoked, revoked!.Status);
        Assert.Equal(Now, revoked.RevokedAt);
        Assert.Null(await _service.FindAsync(client, created.Key.Id, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _service.RevokeAsync(client, created.Key.Id, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task RevokeAsync_KeyOfOtherClient_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var owner = await CreateClientAsync("owner", null, ct);
        var other = await CreateClientAsync("other", null, ct);
        var created = await _service.CreateAsync(owner, Input(), GatewayHost.TestActor, ct);

        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _service.RevokeAsync(other, created.Key.Id, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task ExtendAsync_NewQuota_RestartsRemainingAndQuotaStamp()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("partner", null, ct);
        var created = await _service.CreateAsync(client, Input(), GatewayHost.TestActor, ct);
        _clients.Time.Advance(TimeSpan.FromHours(1));

        // Act
        await _service.ExtendAsync(client, created.Key.Id, Now.AddDays(60), 50, GatewayHost.TestActor, ct);

        // Assert
        var key = await _service.FindAsync(client, created.Key.Id, ct);
        Assert.Equal(50, key!.RemainingUses);
        Assert.Equal(Now, key.QuotaSetAt);
        Assert.Equal(Now.AddDays(60), key.ExpiresAt);
    }

    [Fact]
    public async Task ExtendAsync_RevokedOrNothingGiven_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateClientAsync("partner", null, ct);
        var created = await _service.CreateAsync(client, Input(), GatewayHost.TestActor, ct);

        // Act
        var nothing = await Assert.ThrowsAsync<ServiceValidationException>(() => _service.ExtendAsync(client, created.Key.Id, null, null, GatewayHost.TestActor, ct));
        await _service.RevokeAsync(client, created.Key.Id, GatewayHost.TestActor, ct);
        var revoked = await Assert.ThrowsAsync<EntityConflictException>(() => _service.ExtendAsync(client, created.Key.Id, Now.AddDays(9), null, GatewayHost.TestActor, ct));

        // Assert
        Assert.True(nothing.Errors.ContainsKey("expiresAt"));
        Assert.Contains("revoked", revoked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAllAsync_SearchByClient_FindsKeysWithClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var first = await CreateClientAsync("alpha", null, ct);
        var second = await CreateClientAsync("beta", null, ct);
        await _service.CreateAsync(first, Input(), GatewayHost.TestActor, ct);
        await _service.CreateAsync(second, Input() with { Alias = "nightly" }, GatewayHost.TestActor, ct);

        // Act
        var all = await _service.ListAllAsync(new PageRequest(), ct);
        var beta = await _service.ListAllAsync(new PageRequest(Query: "beta"), ct);

        // Assert
        Assert.Equal(2, all.Total);
        var only = Assert.Single(beta.Items);
        Assert.Equal("beta", only.Client!.ClientId);
        Assert.Equal("orders", Assert.Single(only.Apis).Api!.Name);
    }

    private SignedKeyInput Input() => new() { Alias = "billing", ExpiresAt = Now.AddDays(30), TimesQuota = 10, ApiIds = [_apiId] };

    private async Task<int> CreateClientAsync(string clientId, string? emails, CancellationToken ct) =>
        (await _clients.Clients.CreateAsync(ClientTestServices.Input(clientId) with { Emails = emails }, GatewayHost.TestActor, ct)).Id;
}
