using System.Text.Json.Nodes;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Credentials.XApiKeys;

/// <summary>XApiKeyService over a real SQLite file: validation, the key handed out once, mail, audit, revoke and delete.</summary>
public sealed class XApiKeyServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ClientTestServices _services = null!;
    private XApiKeyService _keys = null!;

    private static DateOnly Today => new(2026, 3, 1);

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ClientTestServices(_database);
        var writer = new ConfigChangeWriter(_services.Signal, new AuditRecorder(_database.Factory, _services.Time));
        _keys = new XApiKeyService(_database.Factory, writer, _services.Mail, _services.Time);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task CreateAsync_ValidInput_ReturnsKeyOnceAndStoresOnlyHashAndMask()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", "a@example.com", ct);
        var signals = _services.Signal.Count;

        // Act
        var created = await _keys.CreateAsync(client.Id, Input("partner key", group), GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(43, created.Key.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", created.Key);
        Assert.Equal(CredentialSecrets.Mask(created.Key), created.XApiKey.Mask);
        Assert.Equal(XApiKeyState.Active, created.XApiKey.State);
        Assert.Equal(signals + 1, _services.Signal.Count);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var row = await db.ClientXApiKeys.Include(k => k.Groups).SingleAsync(ct);
        Assert.Equal(CredentialSecrets.Hash(created.Key), row.KeyHash);
        Assert.Equal(64, row.KeyHash.Length);
        Assert.Equal("partner key", row.Alias);
        Assert.Equal(group, Assert.Single(row.Groups).ApiGroupId);
        Assert.Equal("tester", row.CreatedBy);
        Assert.Null(row.EffectiveAt);
        var listed = Assert.Single(await _keys.ListAsync(client.Id, ct));
        Assert.Equal(created.XApiKey.Mask, listed.Mask);
        Assert.Equal("g-c1", Assert.Single(listed.Groups).Name);
    }

    [Fact]
    public async Task CreateAsync_ClientWithEmails_QueuesOneMailWithKeyAliasDatesAndGroups()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", "a@example.com, b@example.com", ct);

        // Act
        var created = await _keys.CreateAsync(client.Id, Input("mailed", group) with { EffectiveDate = Today.AddDays(2) }, GatewayHost.TestActor, ct);

        // Assert
        Assert.True(created.MailQueued);
        Assert.Equal(["a@example.com", "b@example.com"], created.MailedTo);
        Assert.Null(created.MailProblem);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var mail = await db.OutboxMails.SingleAsync(ct);
        Assert.Equal(created.MailId, mail.Id);
        Assert.Equal("a@example.com, b@example.com", mail.To);
        Assert.Contains(created.Key, mail.Body, StringComparison.Ordinal);
        Assert.Contains("Alias: mailed", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Effective: 2026-03-03 00:00", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Expires: 2026-06-01 23:59", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Authority groups: g-c1", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ClientWithoutEmails_NoMailAndResultSaysSo()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);

        // Act
        var created = await _keys.CreateAsync(client.Id, Input("no mail", group), GatewayHost.TestActor, ct);

        // Assert
        Assert.False(created.MailQueued);
        Assert.Empty(created.MailedTo);
        Assert.Contains("no email address", created.MailProblem, StringComparison.Ordinal);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.OutboxMails.CountAsync(ct));
    }

    [Fact]
    public async Task CreateAsync_Audit_HasMaskButNeverKeyOrHash()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", "a@example.com", ct);

        // Act
        var created = await _keys.CreateAsync(client.Id, Input("audited", group), GatewayHost.TestActor, ct);
        await _keys.RevokeAsync(client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);
        await _keys.DeleteAsync(client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var entries = await db.AuditEntries.Where(a => a.EntityType == XApiKeyService.EntityName).OrderBy(a => a.Id).ToListAsync(ct);
        Assert.Equal(["Created", "Revoked", "Deleted"], entries.Select(e => e.Action));
        var hash = CredentialSecrets.Hash(created.Key);
        foreach (var entry in entries)
        {
            var text = entry.Before + entry.After;
            var image = JsonNode.Parse(entry.After ?? entry.Before!)!;
            Assert.Equal(created.XApiKey.Mask, (string?)image["mask"]);
            Assert.DoesNotContain(created.Key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(hash, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("\"alias\":\"audited\"", entries[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NothingGiven_ErrorsForAliasExpiryAndGroups()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await ClientWithGroupAsync("c1", null, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _keys.CreateAsync(client.Id, new XApiKeyInput { Alias = "  " }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["alias", "expiryDate", "groupIds"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Alias is required.", Assert.Single(error.Errors["alias"]));
        await AssertNoKeysAsync(ct);
    }

    [Fact]
    public async Task CreateAsync_AliasTooLong_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _keys.CreateAsync(client.Id, Input(new string('a', 101), group), GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["alias"], error.Errors.Keys);
        await AssertNoKeysAsync(ct);
    }

    [Fact]
    public async Task CreateAsync_DuplicateAliasInAnyCase_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);
        await _keys.CreateAsync(client.Id, Input("Mobile App", group), GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _keys.CreateAsync(client.Id, Input("mobile app", group), GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("already has an X-Api-Key named", Assert.Single(error.Errors["alias"]), StringComparison.Ordinal);
        Assert.Single(await _keys.ListAsync(client.Id, ct));
    }

    [Fact]
    public async Task CreateAsync_SameAliasOnAnotherClient_Allowed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (first, firstGroup) = await ClientWithGroupAsync("c1", null, ct);
        var (second, secondGroup) = await ClientWithGroupAsync("c2", null, ct);
        await _keys.CreateAsync(first.Id, Input("shared", firstGroup), GatewayHost.TestActor, ct);

        // Act
        var created = await _keys.CreateAsync(second.Id, Input("shared", secondGroup), GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("shared", created.XApiKey.Alias);
    }

    [Fact]
    public async Task CreateAsync_GroupsNotHeldOrMissing_RefusedNamingEach()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);
        var foreign = await _services.AddGroupAsync("foreign", ClientTestServices.LevelD, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() =>
            _keys.CreateAsync(client.Id, Input("bad groups", group) with { GroupIds = [group, foreign, 9999] }, GatewayHost.TestActor, ct));

        // Assert
        var messages = error.Errors["groupIds"];
        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.StartsWith($"Group 'foreign' (id {foreign}) is not held by client 'c1'", StringComparison.Ordinal));
        Assert.Contains("Group 9999 does not exist.", messages);
        await AssertNoKeysAsync(ct);
    }

    [Fact]
    public async Task CreateAsync_GroupHeldThroughScope_Allowed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await ClientWithGroupAsync("c1", null, ct);
        var scoped = await _services.AddGroupAsync("scoped", ClientTestServices.LevelD, ct);
        var scope = await _services.AddScopeAsync("scope", [scoped], ct);
        await _services.Security.AddScopesAsync(client.Id, [scope], GatewayHost.TestActor, ct);

        // Act
        var created = await _keys.CreateAsync(client.Id, Input("via scope", scoped), GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal("scoped", Assert.Single(created.XApiKey.Groups).Name);
    }

    [Fact]
    public async Task ListGroupChoicesAsync_DirectAndScopeGroups_OthersLeftOut()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);
        var scoped = await _services.AddGroupAsync("scoped", ClientTestServices.LevelD, ct);
        await _services.AddGroupAsync("foreign", ClientTestServices.LevelD, ct);
        var scope = await _services.AddScopeAsync("scope", [scoped], ct);
        await _services.Security.AddScopesAsync(client.Id, [scope], GatewayHost.TestActor, ct);

        // Act
        var choices = await _keys.ListGroupChoicesAsync(client.Id, ct);

        // Assert
        Assert.Equal([group, scoped], choices.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task CreateAsync_ExpiryInThePast_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() =>
            _keys.CreateAsync(client.Id, Input("past", group) with { ExpiryDate = Today.AddDays(-1) }, GatewayHost.TestActor, ct));

        // Assert
        Assert.StartsWith("Expiry date must be today or later", Assert.Single(error.Errors["expiryDate"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ExpiryBeforeEffective_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() =>
            _keys.CreateAsync(client.Id, Input("backwards", group) with { EffectiveDate = Today.AddDays(10), ExpiryDate = Today.AddDays(9) }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal("Expiry date must not be before the effective date.", Assert.Single(error.Errors["expiryDate"]));
    }

    [Fact]
    public async Task CreateAsync_ExpiryToday_AllowedUntilEndOfDay()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);

        // Act
        var created = await _keys.CreateAsync(client.Id, Input("today", group) with { ExpiryDate = Today }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), created.XApiKey.ExpiresAt);
    }

    [Fact]
    public async Task CreateAsync_ClientTimeZone_DatesStoredAsLocalDayBoundaries()
    {
        // Arrange: Taipei is UTC+8 all year.
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct, "Asia/Taipei");

        // Act
        var created = await _keys.CreateAsync(client.Id, Input("tz", group) with { EffectiveDate = new DateOnly(2026, 3, 10), ExpiryDate = new DateOnly(2026, 3, 20) }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(new DateTime(2026, 3, 9, 16, 0, 0, DateTimeKind.Utc), created.XApiKey.EffectiveAt);
        Assert.Equal(new DateTime(2026, 3, 20, 16, 0, 0, DateTimeKind.Utc).AddTicks(-1), created.XApiKey.ExpiresAt);
        Assert.Equal(XApiKeyState.NotYetEffective, created.XApiKey.State);
    }

    [Fact]
    public async Task ListAsync_TimePasses_StateFollowsTheClock()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);
        await _keys.CreateAsync(client.Id, Input("timed", group) with { EffectiveDate = Today.AddDays(1), ExpiryDate = Today.AddDays(2) }, GatewayHost.TestActor, ct);

        // Act
        var before = Assert.Single(await _keys.ListAsync(client.Id, ct)).State;
        _services.Time.Advance(TimeSpan.FromDays(1));
        var during = Assert.Single(await _keys.ListAsync(client.Id, ct)).State;
        _services.Time.Advance(TimeSpan.FromDays(2));
        var after = Assert.Single(await _keys.ListAsync(client.Id, ct)).State;

        // Assert
        Assert.Equal(XApiKeyState.NotYetEffective, before);
        Assert.Equal(XApiKeyState.Active, during);
        Assert.Equal(XApiKeyState.Expired, after);
    }

    [Fact]
    public async Task CreateAsync_UnknownClient_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var act = () => _keys.CreateAsync(4242, Input("x", 1), GatewayHost.TestActor, ct);

        // Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(act);
    }

    [Fact]
    public async Task RevokeAsync_ActiveKey_RevokedOnceThenConflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);
        var created = await _keys.CreateAsync(client.Id, Input("revoke me", group), GatewayHost.TestActor, ct);
        var signals = _services.Signal.Count;

        // Act
        var revoked = await _keys.RevokeAsync(client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);
        var again = () => _keys.RevokeAsync(client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(XApiKeyStatus.Revoked, revoked.Status);
        Assert.Equal(XApiKeyState.Revoked, revoked.State);
        Assert.Equal(_services.Time.GetUtcNow().UtcDateTime, revoked.RevokedAt);
        Assert.Equal(signals + 1, _services.Signal.Count);
        await Assert.ThrowsAsync<EntityConflictException>(again);
    }

    [Fact]
    public async Task RevokeAndDelete_KeyOfAnotherClient_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (owner, group) = await ClientWithGroupAsync("c1", null, ct);
        var (other, _) = await ClientWithGroupAsync("c2", null, ct);
        var created = await _keys.CreateAsync(owner.Id, Input("mine", group), GatewayHost.TestActor, ct);

        // Act
        var revoke = () => _keys.RevokeAsync(other.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);
        var delete = () => _keys.DeleteAsync(other.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);

        // Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(revoke);
        await Assert.ThrowsAsync<EntityNotFoundException>(delete);
        Assert.Equal(XApiKeyState.Active, Assert.Single(await _keys.ListAsync(owner.Id, ct)).State);
    }

    [Fact]
    public async Task DeleteAsync_Key_RemovedWithItsGroups()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);
        var created = await _keys.CreateAsync(client.Id, Input("gone", group), GatewayHost.TestActor, ct);

        // Act
        await _keys.DeleteAsync(client.Id, created.XApiKey.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Empty(await _keys.ListAsync(client.Id, ct));
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.ClientXApiKeyGroups.CountAsync(ct));
    }

    [Fact]
    public async Task DeleteClient_WithKeys_KeysGoToo()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, group) = await ClientWithGroupAsync("c1", null, ct);
        await _keys.CreateAsync(client.Id, Input("cascade", group), GatewayHost.TestActor, ct);

        // Act
        await _services.Clients.DeleteAsync(client.Id, GatewayHost.TestActor, ct);

        // Assert
        await AssertNoKeysAsync(ct);
    }

    private static XApiKeyInput Input(string alias, int groupId) => new() { Alias = alias, ExpiryDate = Today.AddMonths(3), GroupIds = [groupId] };

    private async Task<(ApiClient Client, int GroupId)> ClientWithGroupAsync(string clientId, string? emails, CancellationToken ct, string timeZoneId = "UTC")
    {
        var client = await _services.Clients.CreateAsync(
            ClientTestServices.Input(clientId) with { SecurityLevelId = ClientTestServices.LevelD, Emails = emails, TimeZoneId = timeZoneId },
            GatewayHost.TestActor,
            ct);
        var group = await _services.AddGroupAsync("g-" + clientId, ClientTestServices.LevelD, ct);
        await _services.Security.AddGroupsAsync(client.Id, [group], GatewayHost.TestActor, ct);
        return (client, group);
    }

    private async Task AssertNoKeysAsync(CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.ClientXApiKeys.CountAsync(ct));
    }
}
