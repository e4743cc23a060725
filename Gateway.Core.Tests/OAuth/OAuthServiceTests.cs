using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>TokenSettingsService and SigningKeyService over real SQLite.</summary>
public sealed class OAuthServiceTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("admin", "console");
    private TempDatabase _database = null!;
    private ClientTestServices _clients = null!;
    private TokenSettingsService _settings = null!;
    private SigningKeyService _keys = null!;
    private OAuthKeyRing _ring = null!;
    private SecretProtector _protector = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeTimeProvider Time => _clients.Time;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(Ct);
        _clients = new ClientTestServices(_database);
        var writer = new ConfigChangeWriter(_clients.Signal, new AuditRecorder(_database.Factory, Time));
        _settings = new TokenSettingsService(_database.Factory, writer, Time);
        _protector = new SecretProtector(new EphemeralDataProtectionProvider());
        _ring = new OAuthKeyRing(_database.Factory, _protector, Time);
        _keys = new SigningKeyService(_database.Factory, writer, Time, _ring);
    }

    public async ValueTask DisposeAsync()
    {
        _ring.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task UpdateAsync_Valid_StoresAuditsAndBumpsVersion()
    {
        // Arrange
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("svc-ok"), Admin, Ct);
        var signals = _clients.Signal.Count;

        // Act
        var saved = await _settings.UpdateAsync(client.Id, new TokenSettings(OAuthGrants.Password | OAuthGrants.AuthorizationCode, 120, 5, 600, 2,
            ["https://a.example.com/cb", " https://b.example.com/cb "]), Admin, Ct);
        var read = await _settings.GetAsync(client.Id, Ct);

        // Assert
        Assert.Equal(OAuthGrants.Password | OAuthGrants.AuthorizationCode, read.AllowedGrants);
        Assert.Equal(["https://a.example.com/cb", "https://b.example.com/cb"], read.RedirectUris);
        Assert.Equal(saved.ConcurrencyStamp, read.ConcurrencyStamp);
        Assert.True(_clients.Signal.Count > signals);
        await using var db = await _database.Factory.CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.Where(a => a.Action == "TokenSettingsChanged").SingleAsync(Ct);
        Assert.Contains("https://a.example.com/cb", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_Invalid_ThrowsWithFieldsAndChangesNothing()
    {
        // Arrange
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("svc-bad"), Admin, Ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _settings.UpdateAsync(client.Id,
            new TokenSettings((OAuthGrants)64, 31_536_001, -1, 10, -1, ["https://x.example.com/a", "https://x.example.com/a", "javascript:alert(1)"]), Admin, Ct));

        // Assert
        Assert.Equal(["accessTokenQuota", "accessTokenValidity", "allowedGrants", "redirectUris", "refreshTokenQuota", "refreshTokenValidity"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3600, (await _settings.GetAsync(client.Id, Ct)).AccessTokenValidity);
    }

    [Fact]
    public async Task GetAsync_UnknownClient_NotFound()
    {
        // Arrange / Act / Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _settings.GetAsync(9999, Ct));
    }

    [Fact]
    public async Task KeyRing_FirstUse_CreatesProtectedRs256KeyAndEncryptionKey()
    {
        // Arrange / Act
        var set = _ring.Current;

        // Assert
        Assert.Equal("RS256", set.Active.Algorithm);
        await using var db = await _database.Factory.CreateDbContextAsync(Ct);
        var row = await db.OAuthSigningKeys.SingleAsync(Ct);
        Assert.Equal(set.Active.Kid, row.Kid);
        Assert.Equal(OAuthKeyStatus.Active, row.Status);
        var pkcs8 = Convert.FromBase64String(_protector.Unprotect(row.ProtectedPrivateKey));
        Assert.NotEmpty(pkcs8);
        Assert.DoesNotContain(Convert.ToBase64String(pkcs8)[..40], row.ProtectedPrivateKey, StringComparison.Ordinal);
        Assert.Equal(1, await db.OAuthEncryptionKeys.CountAsync(Ct));
    }

    [Fact]
    public async Task RotateAsync_FiresChangeTokenAndRetiresOldKey()
    {
        // Arrange
        var old = _ring.Current.Active.Kid;
        var changed = false;
        using var registration = _ring.GetChangeToken().RegisterChangeCallback(_ => changed = true, null);

        // Act
        var created = await _keys.RotateAsync(OAuthKeyAlgorithm.ES256, Admin, Ct);

        // Assert
        Assert.True(changed);
        Assert.Equal(created.Kid, _ring.Current.Active.Kid);
        Assert.Equal("ES256", _ring.Current.Active.Algorithm);
        Assert.True(_ring.Current.Published.ContainsKey(old));
        var list = await _keys.ListAsync(Ct);
        Assert.Equal([OAuthKeyStatus.Active, OAuthKeyStatus.Retired], list.Select(k => k.Status));
    }

    [Fact]
    public async Task RemoveAsync_TooEarlyThenLater_ConflictThenRemovedAndUnpublished()
    {
        // Arrange
        var old = _ring.Current.Active.Kid;
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("svc-long"), Admin, Ct);
        await _settings.UpdateAsync(client.Id, new TokenSettings(OAuthGrants.ClientCredentials, 7200, 0, 86400, 0, []), Admin, Ct);
        await _keys.RotateAsync(OAuthKeyAlgorithm.RS256, Admin, Ct);
        Time.Advance(TimeSpan.FromHours(1.5));

        // Act
        var early = await Assert.ThrowsAsync<EntityConflictException>(() => _keys.RemoveAsync(old, Admin, Ct));
        Time.Advance(TimeSpan.FromHours(1));
        await _keys.RemoveAsync(old, Admin, Ct);

        // Assert
        Assert.Contains("retired", early.Message, StringComparison.Ordinal);
        Assert.False(_ring.Current.Published.ContainsKey(old));
        Assert.Equal(OAuthKeyStatus.Removed, (await _keys.ListAsync(Ct)).Single(k => k.Kid == old).Status);
        await Assert.ThrowsAsync<EntityConflictException>(() => _keys.RemoveAsync(_ring.Current.Active.Kid, Admin, Ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _keys.RemoveAsync("nope", Admin, Ct));
    }
}
