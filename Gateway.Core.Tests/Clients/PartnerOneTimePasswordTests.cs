using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Portal;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary>
/// Partner-requested one-time passwords: stored apart from the password (which keeps working), valid 30 minutes,
/// force a password change, refused once used or expired, counted like wrong passwords, throttled to one mail per 5 minutes.
/// </summary>
public sealed class PartnerOneTimePasswordTests : IAsyncLifetime
{
    private const string Password = "S3cret pass!";
    private const string ClientId = "partner1";

    private TempDatabase _database = null!;
    private ClientTestServices _services = null!;
    private PartnerSignInService _portal = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ClientTestServices(_database);
        var writer = new ConfigChangeWriter(_services.Signal, new AuditRecorder(_database.Factory, _services.Time));
        _portal = new PartnerSignInService(_database.Factory, writer, _services.Hasher, _services.Security, _services.Time);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task RequestPasswordResetAsync_ClientWithEmail_KeepsPasswordAndMailsSeparateOneTimePassword()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);

        // Act
        await _portal.RequestPasswordResetAsync("Partner1", ct);

        // Assert
        var row = await ReadAsync(client.Id, ct);
        Assert.Equal(client.PasswordHash, row.PasswordHash);
        Assert.Equal(_services.Time.GetUtcNow().UtcDateTime + ClientSecurityService.OneTimePasswordValidity, row.ResetPasswordExpiresAt);
        var mail = await SingleMailAsync(ct);
        Assert.Equal("p1@example.test", mail.To);
        Assert.Contains("partner portal", mail.Body, StringComparison.Ordinal);
        Assert.Contains("30 minutes", mail.Body, StringComparison.Ordinal);
        var oneTime = OneTimePasswordOf(mail.Body);
        Assert.True(_services.Hasher.Verify(row.ResetPasswordHash!, oneTime));
        var withPassword = await _portal.SignInAsync(ClientId, Password, ct);
        Assert.True(withPassword.Succeeded);
        Assert.False(withPassword.MustChangePassword);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.AsNoTracking().Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync(ct);
        Assert.Contains(await db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync(ct), a => a == "OneTimePasswordIssued");
        Assert.DoesNotContain(audit, a => a.Contains(oneTime, StringComparison.Ordinal) || a.Contains(row.ResetPasswordHash!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignInAsync_OneTimePassword_SucceedsWithForcedPasswordChange()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);

        // Act
        var result = await _portal.SignInAsync(ClientId, oneTime, ct);

        // Assert
        Assert.True(result.Succeeded);
        Assert.True(result.MustChangePassword);
        Assert.Equal(client.Id, result.ClientDbId);
        Assert.True(await _portal.IsActiveAsync(client.Id, requirePendingOneTimePassword: true, ct));
    }

    [Fact]
    public async Task SignInAsync_ExpiredOneTimePassword_RefusedAndCounted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);
        _services.Time.Advance(ClientSecurityService.OneTimePasswordValidity + TimeSpan.FromSeconds(1));

        // Act
        var result = await _portal.SignInAsync(ClientId, oneTime, ct);

        // Assert
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, result.Status);
        Assert.Equal(1, (await ReadAsync(client.Id, ct)).FailedAttempts);
        Assert.False(await _portal.IsActiveAsync(client.Id, requirePendingOneTimePassword: true, ct));
        Assert.True(await _portal.IsActiveAsync(client.Id, requirePendingOneTimePassword: false, ct));
    }

    [Fact]
    public async Task CompletePasswordResetAsync_PendingOneTimePassword_SetsPasswordAndOneTimePasswordIsUsed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);
        await _portal.SignInAsync(ClientId, oneTime, ct);

        // Act
        await _portal.CompletePasswordResetAsync(client.Id, "Brand-New-2", "Brand-New-2", ct);

        // Assert
        var row = await ReadAsync(client.Id, ct);
        Assert.Null(row.ResetPasswordHash);
        Assert.Null(row.ResetPasswordExpiresAt);
        Assert.True(_services.Hasher.Verify(row.PasswordHash, "Brand-New-2"));
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, (await _portal.SignInAsync(ClientId, oneTime, ct)).Status);
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, (await _portal.SignInAsync(ClientId, Password, ct)).Status);
        var fresh = await _portal.SignInAsync(ClientId, "Brand-New-2", ct);
        Assert.True(fresh.Succeeded);
        Assert.False(fresh.MustChangePassword);
        Assert.False(await _portal.IsActiveAsync(client.Id, requirePendingOneTimePassword: true, ct));
    }

    [Fact]
    public async Task CompletePasswordResetAsync_UsedOrExpired_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var never = await Assert.ThrowsAsync<ServiceValidationException>(() => _portal.CompletePasswordResetAsync(client.Id, "Brand-New-2", "Brand-New-2", ct));
        await RequestAsync(ct);
        _services.Time.Advance(ClientSecurityService.OneTimePasswordValidity);

        // Act
        var expired = await Assert.ThrowsAsync<ServiceValidationException>(() => _portal.CompletePasswordResetAsync(client.Id, "Brand-New-2", "Brand-New-2", ct));

        // Assert
        Assert.Equal([PartnerSignInService.OneTimePasswordGoneMessage], never.Errors["currentPassword"]);
        Assert.Equal([PartnerSignInService.OneTimePasswordGoneMessage], expired.Errors["currentPassword"]);
        Assert.Equal(client.PasswordHash, (await ReadAsync(client.Id, ct)).PasswordHash);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("Brand-New-2", "Other-3")]
    public async Task CompletePasswordResetAsync_BadNewPassword_RefusedAndOneTimePasswordStillPending(string newPassword, string confirm)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _portal.CompletePasswordResetAsync(client.Id, newPassword, confirm, ct));

        // Assert
        Assert.NotEmpty(error.Errors);
        Assert.DoesNotContain("currentPassword", error.Errors.Keys);
        Assert.True((await _portal.SignInAsync(ClientId, oneTime, ct)).MustChangePassword);
        Assert.Equal(client.PasswordHash, (await ReadAsync(client.Id, ct)).PasswordHash);
    }

    [Fact]
    public async Task CompletePasswordResetAsync_UnknownClient_NotFound()
    {
        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _portal.CompletePasswordResetAsync(4242, "Brand-New-2", "Brand-New-2", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SignInAsync_WrongPasswordsWhileOneTimePasswordPending_CountAndLock()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);

        // Act
        var first = await _portal.SignInAsync(ClientId, oneTime + "x", ct);
        var second = await _portal.SignInAsync(ClientId, "wrong", ct);
        var third = await _portal.SignInAsync(ClientId, oneTime[..^1], ct);
        var thenOneTime = await _portal.SignInAsync(ClientId, oneTime, ct);

        // Assert
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, first.Status);
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, second.Status);
        Assert.Equal(PartnerSignInStatus.Locked, third.Status);
        Assert.Equal(PartnerSignInStatus.Locked, thenOneTime.Status);
        var row = await ReadAsync(client.Id, ct);
        Assert.Equal(ClientStatus.Locked, row.Status);
        Assert.Equal(3, row.FailedAttempts);
    }

    [Fact]
    public async Task SignInAsync_OneTimePasswordAfterFailures_ResetsCount()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);
        await _portal.SignInAsync(ClientId, "wrong", ct);

        // Act
        var result = await _portal.SignInAsync(ClientId, oneTime, ct);

        // Assert
        Assert.True(result.MustChangePassword);
        Assert.Equal(0, (await ReadAsync(client.Id, ct)).FailedAttempts);
    }

    [Fact]
    public async Task RequestPasswordResetAsync_AgainWithinFiveMinutes_SendsNothingAndKeepsFirst()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var first = await RequestAsync(ct);
        var issued = await ReadAsync(client.Id, ct);
        _services.Time.Advance(ClientSecurityService.OneTimePasswordRequestInterval - TimeSpan.FromSeconds(1));

        // Act
        await _portal.RequestPasswordResetAsync(ClientId, ct);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await db.OutboxMails.CountAsync(ct));
        var row = await ReadAsync(client.Id, ct);
        Assert.Equal(issued.ResetPasswordHash, row.ResetPasswordHash);
        Assert.Equal(issued.ResetPasswordExpiresAt, row.ResetPasswordExpiresAt);
        Assert.True((await _portal.SignInAsync(ClientId, first, ct)).MustChangePassword);
    }

    [Fact]
    public async Task RequestPasswordResetAsync_AfterFiveMinutes_MailsNewOneTimePasswordReplacingFirst()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await CreateAsync(ct);
        var first = await RequestAsync(ct);
        _services.Time.Advance(ClientSecurityService.OneTimePasswordRequestInterval);

        // Act
        await _portal.RequestPasswordResetAsync(ClientId, ct);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var mails = await db.OutboxMails.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        Assert.Equal(2, mails.Count);
        var second = OneTimePasswordOf(mails[1].Body);
        Assert.NotEqual(first, second);
        Assert.True((await _portal.SignInAsync(ClientId, second, ct)).MustChangePassword);
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, (await _portal.SignInAsync(ClientId, first, ct)).Status);
    }

    [Fact]
    public async Task ChangePasswordAsync_WithPasswordWhileOneTimePasswordPending_ClearsOneTimePassword()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);

        // Act
        await _portal.ChangePasswordAsync(client.Id, Password, "Brand-New-2", "Brand-New-2", ct);

        // Assert
        Assert.Null((await ReadAsync(client.Id, ct)).ResetPasswordHash);
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, (await _portal.SignInAsync(ClientId, oneTime, ct)).Status);
    }

    [Fact]
    public async Task ChangePasswordAsync_OneTimePasswordAsCurrent_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var oneTime = await RequestAsync(ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _portal.ChangePasswordAsync(client.Id, oneTime, "Brand-New-2", "Brand-New-2", ct));

        // Assert
        Assert.Contains("currentPassword", error.Errors.Keys);
        Assert.Equal(client.PasswordHash, (await ReadAsync(client.Id, ct)).PasswordHash);
    }

    [Fact]
    public async Task AdminResetPasswordAsync_WhileOneTimePasswordPending_ReplacesPasswordAndDropsPartnerOneTimePassword()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await CreateAsync(ct);
        var partnerOneTime = await RequestAsync(ct);

        // Act
        await _services.Security.ResetPasswordAsync(client.Id, GatewayHost.TestActor, ct);

        // Assert
        var row = await ReadAsync(client.Id, ct);
        Assert.Null(row.ResetPasswordHash);
        Assert.Null(row.ResetPasswordExpiresAt);
        Assert.NotEqual(client.PasswordHash, row.PasswordHash);
        Assert.Equal(PartnerSignInStatus.InvalidCredentials, (await _portal.SignInAsync(ClientId, partnerOneTime, ct)).Status);
    }

    [Fact]
    public void AuditJson_ClientRowWithOneTimePassword_RedactsBothHashes()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, ClientId);
        row.ResetPasswordHash = "reset-hash-value";
        row.ResetPasswordExpiresAt = new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc);

        // Act
        var json = AuditJson.Serialize(new { row.ClientId, row.PasswordHash, row.ResetPasswordHash, row.ResetPasswordExpiresAt });

        // Assert
        Assert.DoesNotContain("reset-hash-value", json, StringComparison.Ordinal);
        Assert.DoesNotContain(row.PasswordHash, json, StringComparison.Ordinal);
        Assert.Contains(ClientId, json, StringComparison.Ordinal);
    }

    private Task<ApiClient> CreateAsync(CancellationToken ct) =>
        _services.Clients.CreateAsync(ClientTestServices.Input(ClientId) with { Emails = "p1@example.test" }, GatewayHost.TestActor, ct);

    private async Task<string> RequestAsync(CancellationToken ct)
    {
        await _portal.RequestPasswordResetAsync(ClientId, ct);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var mail = await db.OutboxMails.AsNoTracking().OrderByDescending(m => m.Id).FirstAsync(ct);
        return OneTimePasswordOf(mail.Body);
    }

    private async Task<Mail.OutboxMail> SingleMailAsync(CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        return await db.OutboxMails.AsNoTracking().SingleAsync(ct);
    }

    private async Task<ApiClient> ReadAsync(int id, CancellationToken ct)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        return await db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == id, ct);
    }

    private static string OneTimePasswordOf(string body)
    {
        const string prefix = "One-time password: ";
        return body.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
    }
}
