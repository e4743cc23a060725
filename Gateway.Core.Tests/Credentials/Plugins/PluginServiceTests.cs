using System.Security.Cryptography;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>ApiAuthenticationService and PluginCredentialService against a real migrated SQLite file.</summary>
public sealed class PluginServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ClientTestServices _clients = null!;
    private ApiAuthenticationService _settings = null!;
    private PluginCredentialService _credentials = null!;
    private SecretProtector _protector = null!;
    private int _apiId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(ct);
        _clients = new ClientTestServices(_database);
        var writer = new ConfigChangeWriter(_clients.Signal, new AuditRecorder(_database.Factory, _clients.Time));
        _settings = new ApiAuthenticationService(_database.Factory, writer, _clients.Time);
        _protector = new SecretProtector(new EphemeralDataProtectionProvider());
        _credentials = new PluginCredentialService(_database.Factory, writer, _protector, _clients.Time);
        var backend = await new BackendService(_database.Factory, writer, _clients.Time)
            .CreateAsync(new BackendInput { Name = "be", Host = "127.0.0.1", Port = 9000 }, GatewayHost.TestActor, ct);
        _apiId = (await new ApiService(_database.Factory, writer, _clients.Time)
            .CreateAsync(new ApiInput { Name = "shop", DisplayName = "Shop", Path = "/shop", BackendId = backend.Id }, GatewayHost.TestActor, ct)).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task GetAsync_NewApi_KongDefaults()
    {
        // Act
        var settings = await _settings.GetAsync(_apiId, TestContext.Current.CancellationToken);

        // Assert
        Assert.NotNull(settings);
        Assert.Equal(CredentialTypes.Default, settings.AcceptedCredentials);
        Assert.False(settings.ForwardCredentials);
        Assert.Equal(["apikey"], settings.KeyAuth.KeyNames);
        Assert.True(settings.KeyAuth.KeyInHeader && settings.KeyAuth.KeyInQuery && !settings.KeyAuth.KeyInBody && settings.KeyAuth.RunOnPreflight);
        Assert.Equal("service", settings.BasicAuth.Realm);
        Assert.Equal(["jwt"], settings.Jwt.UriParamNames);
        Assert.Equal(["authorization"], settings.Jwt.HeaderNames);
        Assert.Equal("iss", settings.Jwt.KeyClaimName);
        Assert.Equal(0, settings.Jwt.MaximumExpiration);
    }

    [Fact]
    public async Task UpdateAsync_ValidSettings_PersistedNormalizedAuditedAndSignalled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("anon-client"), GatewayHost.TestActor, ct);
        var current = (await _settings.GetAsync(_apiId, ct))!;
        var signals = _clients.Signal.Count;

        // Act
        await _settings.UpdateAsync(_apiId, current with
        {
            AcceptedCredentials = CredentialTypes.KeyAuth | CredentialTypes.Jwt,
            ForwardCredentials = true,
            KeyAuth = current.KeyAuth with { KeyNames = [" x-key ", "X-KEY", "token"], HideCredentials = true, Anonymous = "ANON-CLIENT", Realm = " shop " },
            Jwt = current.Jwt with { ClaimsToVerify = ["EXP", "nbf", "exp"], MaximumExpiration = 600, CookieNames = ["session"] },
        }, GatewayHost.TestActor, ct);
        var read = (await _settings.GetAsync(_apiId, ct))!;

        // Assert
        Assert.Equal(CredentialTypes.KeyAuth | CredentialTypes.Jwt, read.AcceptedCredentials);
        Assert.True(read.ForwardCredentials);
        Assert.Equal(["x-key", "token"], read.KeyAuth.KeyNames);
        Assert.True(read.KeyAuth.HideCredentials);
        Assert.Equal("ANON-CLIENT", read.KeyAuth.Anonymous);
        Assert.Equal("shop", read.KeyAuth.Realm);
        Assert.Equal(["exp", "nbf"], read.Jwt.ClaimsToVerify);
        Assert.Equal(600, read.Jwt.MaximumExpiration);
        Assert.Equal(["session"], read.Jwt.CookieNames);
        Assert.NotEqual(current.ConcurrencyStamp, read.ConcurrencyStamp);
        Assert.Equal(signals + 1, _clients.Signal.Count);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "AuthenticationUpdated", ct);
        Assert.Contains("x-key", audit.After, StringComparison.Ordinal);
        Assert.Contains("KeyAuth, Jwt", audit.After, StringComparison.Ordinal);
        Assert.NotEqual(0, client.Id);
    }

    [Fact]
    public async Task UpdateAsync_BadSettings_FieldErrorsAndNothingStored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var current = (await _settings.GetAsync(_apiId, ct))!;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _settings.UpdateAsync(_apiId, current with
        {
            AcceptedCredentials = CredentialTypes.None,
            KeyAuth = current.KeyAuth with { KeyNames = ["bad name", .. Enumerable.Range(0, 11).Select(i => "k" + i)], KeyInHeader = false, KeyInQuery = false, Anonymous = "nobody", Realm = "a\"b" },
            BasicAuth = current.BasicAuth with { Realm = " ", Anonymous = "ghost" },
            Jwt = current.Jwt with { UriParamNames = [], CookieNames = [], HeaderNames = [], KeyClaimName = "", ClaimsToVerify = ["iat"], MaximumExpiration = -1, Anonymous = "ghost2" },
        }, GatewayHost.TestActor, ct));
        var after = (await _settings.GetAsync(_apiId, ct))!;

        // Assert
        foreach (var field in new[]
        {
            "acceptedCredentials", "keyAuth.keyNames", "keyAuth.keyInHeader", "keyAuth.anonymous", "keyAuth.realm", "basicAuth.realm", "basicAuth.anonymous",
            "jwt.headerNames", "jwt.keyClaimName", "jwt.claimsToVerify", "jwt.maximumExpiration", "jwt.anonymous",
        })
        {
            Assert.True(error.Errors.ContainsKey(field), field);
        }

        Assert.Equal(current.ConcurrencyStamp, after.ConcurrencyStamp);
    }

    [Fact]
    public async Task UpdateAsync_EmptyKeyNamesUnknownFlagOrMaximumWithoutExp_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var current = (await _settings.GetAsync(_apiId, ct))!;

        // Act
        var noNames = await Assert.ThrowsAsync<ServiceValidationException>(() => _settings.UpdateAsync(_apiId, current with { KeyAuth = current.KeyAuth with { KeyNames = [] } }, GatewayHost.TestActor, ct));
        var unknown = await Assert.ThrowsAsync<ServiceValidationException>(() => _settings.UpdateAsync(_apiId, current with { AcceptedCredentials = (CredentialTypes)1024 }, GatewayHost.TestActor, ct));
        var maxWithoutExp = await Assert.ThrowsAsync<ServiceValidationException>(() => _settings.UpdateAsync(_apiId, current with { Jwt = current.Jwt with { MaximumExpiration = 60 } }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("keyAuth.keyNames", noNames.Errors.Keys);
        Assert.Contains("acceptedCredentials", unknown.Errors.Keys);
        Assert.Contains("jwt.claimsToVerify", maxWithoutExp.Errors.Keys);
    }

    [Fact]
    public async Task UpdateAsync_StaleStampOrMissingApi_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var current = (await _settings.GetAsync(_apiId, ct))!;
        await _settings.UpdateAsync(_apiId, current, GatewayHost.TestActor, ct);

        // Act & Assert
        await Assert.ThrowsAsync<EntityConflictException>(() => _settings.UpdateAsync(_apiId, current, GatewayHost.TestActor, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _settings.UpdateAsync(9999, current, GatewayHost.TestActor, ct));
        Assert.Null(await _settings.GetAsync(9999, ct));
    }

    [Fact]
    public async Task UpdateAsync_PublicApiWithoutTypes_Allowed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            await db.Apis.Where(a => a.Id == _apiId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsPublic, true), ct);
        }

        var current = (await _settings.GetAsync(_apiId, ct))!;

        // Act
        var updated = await _settings.UpdateAsync(_apiId, current with { AcceptedCredentials = CredentialTypes.None }, GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(CredentialTypes.None, updated.AcceptedCredentials);
        Assert.True(updated.IsPublic);
    }

    [Fact]
    public void OptionsJson_EmptyOrBrokenColumn_Defaults()
    {
        // Act
        var empty = ApiAuthenticationOptions.FromJson("");
        var broken = ApiAuthenticationOptions.FromJson("{not json");
        var partial = ApiAuthenticationOptions.FromJson("""{"keyAuth":{"keyInBody":true}}""");

        // Assert
        Assert.Equal(["apikey"], empty.KeyAuth.KeyNames);
        Assert.Equal("service", broken.BasicAuth.Realm);
        Assert.True(partial.KeyAuth.KeyInBody);
        Assert.Equal(["apikey"], partial.KeyAuth.KeyNames);
        Assert.Equal("iss", partial.Jwt.KeyClaimName);
    }

    [Fact]
    public async Task KeyAuth_CreateListDelete_StoresHashAndMaskOnly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("key-owner"), GatewayHost.TestActor, ct);

        // Act
        var generated = await _credentials.CreateKeyAuthAsync(client.Id, null, GatewayHost.TestActor, ct);
        var supplied = await _credentials.CreateKeyAuthAsync(client.Id, "my-own-key-0123456789", GatewayHost.TestActor, ct);
        var listed = await _credentials.ListKeyAuthAsync(client.Id, ct);
        await _credentials.DeleteKeyAuthAsync(client.Id, generated.Credential.Id, GatewayHost.TestActor, ct);
        var afterDelete = await _credentials.ListKeyAuthAsync(client.Id, ct);

        // Assert
        Assert.Equal(43, generated.Key.Length);
        Assert.Equal(CredentialSecrets.Hash(generated.Key), listed[0].KeyHash);
        Assert.Equal("my-…789", listed[1].Mask);
        Assert.Equal("my-own-key-0123456789", supplied.Key);
        Assert.Single(afterDelete);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audits = await db.AuditEntries.Where(a => a.EntityType == PluginCredentialService.KeyAuthEntityName).ToListAsync(ct);
        Assert.Equal(3, audits.Count);
        Assert.DoesNotContain(audits, a => (a.After ?? "").Contains(generated.Key, StringComparison.Ordinal) || (a.After ?? "").Contains("my-own-key-0123456789", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData("has a space in it 12345")]
    public async Task KeyAuth_BadSuppliedKey_FieldError(string key)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("bad-key-owner"), GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _credentials.CreateKeyAuthAsync(client.Id, key, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("key", error.Errors.Keys);
    }

    [Fact]
    public async Task KeyAuth_DuplicateKeyOrUnknownClient_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("dup-owner"), GatewayHost.TestActor, ct);
        await _credentials.CreateKeyAuthAsync(client.Id, "the-same-key-0123456789", GatewayHost.TestActor, ct);

        // Act & Assert
        var duplicate = await Assert.ThrowsAsync<ServiceValidationException>(() => _credentials.CreateKeyAuthAsync(client.Id, "the-same-key-0123456789", GatewayHost.TestActor, ct));
        Assert.Contains("key", duplicate.Errors.Keys);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _credentials.CreateKeyAuthAsync(9999, null, GatewayHost.TestActor, ct));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _credentials.DeleteKeyAuthAsync(client.Id, 9999, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task Jwt_CreateHmacGeneratedAndSupplied_SecretEncryptedAndReturnedOnlyWhenGenerated()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("jwt-owner"), GatewayHost.TestActor, ct);

        // Act
        var generated = await _credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = "issuer-a" }, GatewayHost.TestActor, ct);
        var supplied = await _credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Algorithm = JwtAlgorithm.HS512, Secret = new string('s', 40) }, GatewayHost.TestActor, ct);
        var listed = await _credentials.ListJwtAsync(client.Id, ct);

        // Assert
        Assert.NotNull(generated.Secret);
        Assert.Null(supplied.Secret);
        Assert.Equal(22, supplied.Credential.Key.Length);
        Assert.Equal(generated.Secret, _protector.Unprotect(listed[0].ProtectedSecret!));
        Assert.DoesNotContain(generated.Secret!, listed[0].ProtectedSecret!, StringComparison.Ordinal);
        Assert.Equal(JwtAlgorithm.HS512, listed[1].Algorithm);
        await _credentials.DeleteJwtAsync(client.Id, generated.Credential.Id, GatewayHost.TestActor, ct);
        Assert.Single(await _credentials.ListJwtAsync(client.Id, ct));
    }

    [Fact]
    public async Task Jwt_PublicKeys_ValidatedAndPrivateKeysRefused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = await _clients.Clients.CreateAsync(ClientTestServices.Input("pk-owner"), GatewayHost.TestActor, ct);
        using var rsa = RSA.Create(2048);
        using var small = RSA.Create(1024);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // Act
        var rs = await _credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = "rs", Algorithm = JwtAlgorithm.RS256, PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem() }, GatewayHost.TestActor, ct);
        var es = await _credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = "es", Algorithm = JwtAlgorithm.ES256, PublicKeyPem = p256.ExportSubjectPublicKeyInfoPem() }, GatewayHost.TestActor, ct);
        var errors = new List<ServiceValidationException>();
        foreach (var input in new[]
        {
            new JwtCredentialInput { Key = "a", Algorithm = JwtAlgorithm.RS256, PublicKeyPem = rsa.ExportRSAPrivateKeyPem() },
            new JwtCredentialInput { Key = "b", Algorithm = JwtAlgorithm.RS256, PublicKeyPem = small.ExportSubjectPublicKeyInfoPem() },
            new JwtCredentialInput { Key = "c", Algorithm = JwtAlgorithm.ES256, PublicKeyPem = p384.ExportSubjectPublicKeyInfoPem() },
            new JwtCredentialInput { Key = "d", Algorithm = JwtAlgorithm.RS256, PublicKeyPem = "-----BEGIN PUBLIC KEY-----\ngarbage\n-----END PUBLIC KEY-----" },
            new JwtCredentialInput { Key = "e", Algorithm = JwtAlgorithm.RS256, PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem(), Secret = new string('x', 40) },
            new JwtCredentialInput { Key = "f", Algorithm = JwtAlgorithm.HS256, Secret = "too-short" },
            new JwtCredentialInput { Key = "rs", Algorithm = JwtAlgorithm.HS256 },
            new JwtCredentialInput { Key = "g", Algorithm = (JwtAlgorithm)42 },
        })
        {
            errors.Add(await Assert.ThrowsAsync<ServiceValidationException>(() => _credentials.CreateJwtAsync(client.Id, input, GatewayHost.TestActor, ct)));
        }

        // Assert
        Assert.Null(rs.Secret);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", rs.Credential.PublicKeyPem, StringComparison.Ordinal);
        Assert.Null(es.Credential.ProtectedSecret);
        Assert.Contains("publicKeyPem", errors[0].Errors.Keys);
        Assert.Contains("publicKeyPem", errors[1].Errors.Keys);
        Assert.Contains("publicKeyPem", errors[2].Errors.Keys);
        Assert.Contains("publicKeyPem", errors[3].Errors.Keys);
        Assert.Contains("secret", errors[4].Errors.Keys);
        Assert.Contains("secret", errors[5].Errors.Keys);
        Assert.Contains("key", errors[6].Errors.Keys);
        Assert.Contains("algorithm", errors[7].Errors.Keys);
    }
}
