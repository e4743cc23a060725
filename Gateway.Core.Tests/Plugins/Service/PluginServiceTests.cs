using System.Text.Json;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Plugins.Service;

/// <summary>PluginService against a real migrated SQLite file: validation, normalisation, secrets, audit, conflicts.</summary>
public sealed class PluginServiceTests : IAsyncLifetime
{
    private PluginServiceFixture _f = null!;

    private PluginService Plugins => _f.Plugins;

    public async ValueTask InitializeAsync() => _f = await PluginServiceFixture.CreateAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task CreateAsync_ValidIpRestriction_StoredWithDefaultsMergedIn()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var signals = _f.Clients.Signal.Count;

        // Act
        var view = await Plugins.CreateAsync(PluginServiceFixture.IpInput("api", _f.ApiId), GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(PluginType.IpRestriction, view.Type);
        Assert.Equal(PluginScope.Api, view.Scope);
        Assert.Equal(_f.ApiId, view.TargetId);
        Assert.Equal("orders v1", view.TargetName);
        Assert.True(view.Enabled);
        using var config = JsonDocument.Parse(view.Configuration);
        Assert.Equal("10.0.0.0/8", config.RootElement.GetProperty("deny")[0].GetString());
        Assert.Equal(0, config.RootElement.GetProperty("allow").GetArrayLength());
        Assert.Equal(403, config.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, config.RootElement.GetProperty("message").ValueKind);
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        var row = await db.Plugins.SingleAsync(ct);
        Assert.Equal(_f.ApiId, row.ApiId);
        Assert.Null(row.BackendId);
        Assert.Equal(view.Configuration, row.Configuration);
        Assert.Equal(signals + 1, _f.Clients.Signal.Count);
    }

    [Fact]
    public async Task CreateAsync_NothingSet_TypeAndScopeRequired()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(new PluginInput(), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["Type is required."], ex.Errors["type"]);
        Assert.Equal(["Scope is required."], ex.Errors["scope"]);
    }

    [Theory]
    [InlineData("no-such-plugin", "'no-such-plugin' is not a plugin type.")]
    [InlineData("cors", "The cors plugin is not installed.")]
    public async Task CreateAsync_UnknownOrNotInstalledType_TypeError(string type, string message)
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            new PluginInput { Type = type, Scope = "global", Configuration = "{}" }, GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal([message], ex.Errors["type"]);
    }

    [Fact]
    public async Task CreateAsync_UnknownScope_ScopeError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            PluginServiceFixture.IpInput("route", 1), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["Scope must be global, backend, api or client."], ex.Errors["scope"]);
    }

    [Fact]
    public async Task CreateAsync_ScopeTheTypeDoesNotAllow_ScopeError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            new PluginInput { Type = "upstream-basic-auth", Scope = "client", TargetId = _f.ClientId, Configuration = """{"username":"u","password":"p"}""" },
            GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["The upstream-basic-auth plugin cannot be set at client scope; it is allowed at: backend, api."], ex.Errors["scope"]);
    }

    [Theory]
    [InlineData("backend")]
    [InlineData("api")]
    [InlineData("client")]
    public async Task CreateAsync_TargetScopeWithoutTarget_TargetRequired(string scope)
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            PluginServiceFixture.IpInput(scope, null), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.StartsWith("Choose the ", Assert.Single(ex.Errors["targetId"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backend", "Backend 999 does not exist.")]
    [InlineData("api", "API 999 does not exist.")]
    [InlineData("client", "Client 999 does not exist.")]
    public async Task CreateAsync_TargetDoesNotExist_TargetError(string scope, string message)
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            PluginServiceFixture.IpInput(scope, 999), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal([message], ex.Errors["targetId"]);
    }

    [Fact]
    public async Task CreateAsync_GlobalWithTarget_TargetError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            PluginServiceFixture.IpInput("global", _f.ApiId), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["A global plugin has no target; leave the target empty."], ex.Errors["targetId"]);
    }

    [Theory]
    [InlineData("{\"deny\": [", "The configuration is not valid JSON")]
    [InlineData("[\"10.0.0.1\"]", "The configuration must be a JSON object")]
    [InlineData("\"deny\"", "The configuration must be a JSON object")]
    public async Task CreateAsync_ConfigurationNotAJsonObject_ConfigError(string configuration, string message)
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            PluginServiceFixture.IpInput("global", null, configuration), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.StartsWith(message, Assert.Single(ex.Errors["config"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_DefinitionRejectsConfiguration_ItsFieldErrorsReturnedAsIs()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            PluginServiceFixture.IpInput("global", null, """{"allow":["10.0.0.1","nonsense"],"status":200}"""), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["'nonsense' is not an IP address or CIDR range."], ex.Errors["config.allow[1]"]);
        Assert.Equal(["Status must be a whole number between 400 and 599."], ex.Errors["config.status"]);
    }

    [Fact]
    public async Task CreateAsync_EmptyConfiguration_DefaultsCompiledAndRejected()
    {
        // Act: the defaults alone (empty allow and deny) are not a working ip-restriction.
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            PluginServiceFixture.IpInput("global", null, ""), GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["Set at least one IP address or CIDR range in allow or deny."], ex.Errors["config.allow"]);
    }

    [Theory]
    [InlineData("global")]
    [InlineData("api")]
    [InlineData("client")]
    public async Task CreateAsync_SecondOfTypeAtSameTarget_TypeError(string scope)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        int? target = scope switch { "api" => _f.ApiId, "client" => _f.ClientId, _ => null };
        await Plugins.CreateAsync(PluginServiceFixture.IpInput(scope, target), GatewayHost.TestActor, ct);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(PluginServiceFixture.IpInput(scope, target), GatewayHost.TestActor, ct));

        // Assert
        Assert.StartsWith("There is already an instance of the ip-restriction plugin at this ", Assert.Single(ex.Errors["type"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SameTypeAtOtherScopes_AllStored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        await Plugins.CreateAsync(PluginServiceFixture.IpInput("global", null), GatewayHost.TestActor, ct);
        await Plugins.CreateAsync(PluginServiceFixture.IpInput("backend", _f.BackendId), GatewayHost.TestActor, ct);
        await Plugins.CreateAsync(PluginServiceFixture.IpInput("api", _f.ApiId), GatewayHost.TestActor, ct);
        await Plugins.CreateAsync(PluginServiceFixture.IpInput("client", _f.ClientId), GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(4, (await Plugins.ListAsync(new PluginQuery(), ct)).Count);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentGlobalCreates_OnlyOneStored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Plugins.CreateAsync(PluginServiceFixture.IpInput("global", null), GatewayHost.TestActor, ct);
                return true;
            }
            catch (ServiceValidationException)
            {
                return false;
            }
        }, ct)).ToList();
        var results = await Task.WhenAll(attempts);

        // Assert
        Assert.Single(results, r => r);
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await db.Plugins.CountAsync(ct));
    }

    [Fact]
    public async Task CreateAsync_ConcurrentCreatesFromTwoServices_OneStoredOthersRefusedCleanly()
    {
        // Arrange: two services (as two console circuits would share one, this is the harder case) race on one API.
        var ct = TestContext.Current.CancellationToken;
        using var second = new PluginService(_f.Database.Factory,
            new ApiManager.Gateway.Runtime.ConfigChangeWriter(_f.Clients.Signal, new ApiManager.Gateway.Auditing.AuditRecorder(_f.Database.Factory, _f.Clients.Time)),
            _f.Registry, _f.Protector, _f.Clients.Time);
        var services = new[] { Plugins, second };

        // Act
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await services[i % 2].CreateAsync(PluginServiceFixture.IpInput("api", _f.ApiId), GatewayHost.TestActor, ct);
                return "created";
            }
            catch (ServiceValidationException)
            {
                return "invalid";
            }
            catch (EntityConflictException)
            {
                return "conflict";
            }
        }, ct)).ToList();
        var results = await Task.WhenAll(attempts);

        // Assert: a lost race surfaces as a conflict, never as a raw database error.
        Assert.Single(results, r => r == "created");
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await db.Plugins.CountAsync(ct));
    }

    [Theory]
    [InlineData(PluginScope.Global)]
    [InlineData(PluginScope.Backend)]
    [InlineData(PluginScope.Api)]
    [InlineData(PluginScope.Client)]
    public async Task Database_SameTypeTwiceAtOneTarget_UniqueIndexRefuses(PluginScope scope)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        db.Plugins.Add(Row(scope));
        await db.SaveChangesAsync(ct);
        db.Plugins.Add(Row(scope));

        // Act + Assert
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
    }

    [Fact]
    public async Task CreateAsync_SecretField_EncryptedApartAndOnlyMaskedBack()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var view = await Plugins.CreateAsync(
            new PluginInput { Type = "upstream-basic-auth", Scope = "backend", TargetId = _f.BackendId, Configuration = """{"username":"svc","password":"Hunter2!"}""" },
            GatewayHost.TestActor, ct);

        // Assert
        Assert.True(view.HasSecret);
        Assert.DoesNotContain("Hunter2!", view.Configuration, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(view.Configuration);
        Assert.Equal(PluginService.SecretMask, config.RootElement.GetProperty("password").GetString());
        Assert.Equal("backend", config.RootElement.GetProperty("realm").GetString());
        Assert.Equal("Hunter2!", _f.Secret.LastSecret);
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        var row = await db.Plugins.SingleAsync(ct);
        Assert.DoesNotContain("password", row.Configuration, StringComparison.Ordinal);
        Assert.NotNull(row.ProtectedSecret);
        Assert.DoesNotContain("Hunter2!", row.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal("Hunter2!", _f.Protector.Unprotect(row.ProtectedSecret));
        var found = await Plugins.FindAsync(view.Id, ct);
        Assert.DoesNotContain("Hunter2!", found!.Configuration, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SecretMissing_DefinitionFieldError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            new PluginInput { Type = "upstream-basic-auth", Scope = "api", TargetId = _f.ApiId, Configuration = """{"username":"svc"}""" },
            GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["Password is required."], ex.Errors["config.password"]);
    }

    [Fact]
    public async Task CreateAsync_SecretNotText_FieldError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.CreateAsync(
            new PluginInput { Type = "upstream-basic-auth", Scope = "api", TargetId = _f.ApiId, Configuration = """{"username":"svc","password":42}""" },
            GatewayHost.TestActor, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("'password' must be a text.", ex.Errors["config.password"]);
    }

    [Theory]
    [InlineData("""{"username":"svc2"}""")]
    [InlineData("""{"username":"svc2","password":""}""")]
    [InlineData("""{"username":"svc2","password":"********"}""")]
    [InlineData("""{"username":"svc2","password":null}""")]
    public async Task UpdateAsync_SecretAbsentEmptyOrMasked_StoredSecretKept(string configuration)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await CreateSecretPluginAsync(ct);

        // Act
        var updated = await Plugins.UpdateAsync(created.Id, new PluginInput
        {
            Type = "upstream-basic-auth", Scope = "api", TargetId = _f.ApiId, Configuration = configuration, ConcurrencyStamp = created.ConcurrencyStamp,
        }, GatewayHost.TestActor, ct);

        // Assert
        Assert.True(updated.HasSecret);
        Assert.Contains("svc2", updated.Configuration, StringComparison.Ordinal);
        Assert.Equal("Hunter2!", _f.Secret.LastSecret);
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        Assert.Equal("Hunter2!", _f.Protector.Unprotect((await db.Plugins.SingleAsync(ct)).ProtectedSecret!));
    }

    [Fact]
    public async Task UpdateAsync_NewSecret_Replaced()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await CreateSecretPluginAsync(ct);

        // Act
        await Plugins.UpdateAsync(created.Id, new PluginInput
        {
            Type = "upstream-basic-auth", Scope = "api", TargetId = _f.ApiId, Configuration = """{"username":"svc","password":"N3w-secret"}""",
        }, GatewayHost.TestActor, ct);

        // Assert
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        Assert.Equal("N3w-secret", _f.Protector.Unprotect((await db.Plugins.SingleAsync(ct)).ProtectedSecret!));
    }

    [Fact]
    public async Task Writes_WithSecret_AuditRowsNeverHoldTheSecret()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await CreateSecretPluginAsync(ct);

        // Act
        var updated = await Plugins.UpdateAsync(created.Id, new PluginInput
        {
            Type = "upstream-basic-auth", Scope = "api", TargetId = _f.ApiId, Configuration = """{"username":"svc","password":"Second-secret"}""",
        }, GatewayHost.TestActor, ct);
        await Plugins.SetEnabledAsync(created.Id, false, updated.ConcurrencyStamp, GatewayHost.TestActor, ct);
        await Plugins.DeleteAsync(created.Id, GatewayHost.TestActor, ct);

        // Assert
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        var rows = await db.AuditEntries.Where(a => a.EntityType == PluginService.EntityName).OrderBy(a => a.Id).ToListAsync(ct);
        Assert.Equal(["Created", "Updated", "Disabled", "Deleted"], rows.Select(r => r.Action));
        foreach (var row in rows)
        {
            Assert.DoesNotContain("Hunter2!", (row.Before ?? "") + (row.After ?? ""), StringComparison.Ordinal);
            Assert.DoesNotContain("Second-secret", (row.Before ?? "") + (row.After ?? ""), StringComparison.Ordinal);
            Assert.DoesNotContain(_f.Protector.Protect("x")[..4], (row.Before ?? "") + (row.After ?? ""), StringComparison.Ordinal);
        }

        Assert.Contains("\"username\":\"svc\"", rows[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_StaleStamp_Conflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await Plugins.CreateAsync(PluginServiceFixture.IpInput("global", null), GatewayHost.TestActor, ct);
        await Plugins.SetEnabledAsync(created.Id, false, created.ConcurrencyStamp, GatewayHost.TestActor, ct);

        // Act + Assert
        await Assert.ThrowsAsync<EntityConflictException>(() => Plugins.UpdateAsync(created.Id,
            PluginServiceFixture.IpInput("global", null) with { ConcurrencyStamp = created.ConcurrencyStamp }, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task UpdateAsync_ChangesConfigAndScope_StoredAndStampReplaced()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await Plugins.CreateAsync(PluginServiceFixture.IpInput("global", null), GatewayHost.TestActor, ct);

        // Act
        var updated = await Plugins.UpdateAsync(created.Id,
            PluginServiceFixture.IpInput("backend", _f.BackendId, """{"allow":["2001:db8::/32"],"message":"Go away"}""") with { Enabled = false, ConcurrencyStamp = created.ConcurrencyStamp },
            GatewayHost.TestActor, ct);

        // Assert
        Assert.Equal(PluginScope.Backend, updated.Scope);
        Assert.Equal("orders-be", updated.TargetName);
        Assert.False(updated.Enabled);
        Assert.NotEqual(created.ConcurrencyStamp, updated.ConcurrencyStamp);
        using var config = JsonDocument.Parse(updated.Configuration);
        Assert.Equal("Go away", config.RootElement.GetProperty("message").GetString());
        Assert.Equal(0, config.RootElement.GetProperty("deny").GetArrayLength());
    }

    [Fact]
    public async Task UpdateAsync_OtherType_TypeError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await Plugins.CreateAsync(PluginServiceFixture.IpInput("api", _f.ApiId), GatewayHost.TestActor, ct);

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.UpdateAsync(created.Id,
            new PluginInput { Type = "upstream-basic-auth", Scope = "api", TargetId = _f.ApiId, Configuration = """{"username":"u","password":"p"}""" }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["A plugin's type cannot be changed; delete it and add a plugin of the other type."], ex.Errors["type"]);
    }

    [Fact]
    public async Task UpdateAsync_Missing_NotFound()
    {
        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Plugins.UpdateAsync(404, PluginServiceFixture.IpInput("global", null), GatewayHost.TestActor, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetEnabledAsync_Disable_StoredAndSignalled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await Plugins.CreateAsync(PluginServiceFixture.IpInput("api", _f.ApiId), GatewayHost.TestActor, ct);
        var signals = _f.Clients.Signal.Count;

        // Act
        var view = await Plugins.SetEnabledAsync(created.Id, false, null, GatewayHost.TestActor, ct);

        // Assert
        Assert.False(view.Enabled);
        Assert.False((await Plugins.FindAsync(created.Id, ct))!.Enabled);
        Assert.Equal(signals + 1, _f.Clients.Signal.Count);
    }

    [Fact]
    public async Task DeleteAsync_Existing_GoneAndAudited()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await Plugins.CreateAsync(PluginServiceFixture.IpInput("api", _f.ApiId), GatewayHost.TestActor, ct);

        // Act
        await Plugins.DeleteAsync(created.Id, GatewayHost.TestActor, ct);

        // Assert
        Assert.Null(await Plugins.FindAsync(created.Id, ct));
        await using var db = await _f.Database.Factory.CreateDbContextAsync(ct);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == PluginService.EntityName && a.Action == "Deleted" && a.EntityId == created.Id.ToString(), ct));
    }

    [Fact]
    public async Task DeleteAsync_Missing_NotFound()
    {
        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Plugins.DeleteAsync(404, GatewayHost.TestActor, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ListAsync_Filters_ByScopeTargetAndTypeWithTargetNames()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await Plugins.CreateAsync(PluginServiceFixture.IpInput("global", null), GatewayHost.TestActor, ct);
        await Plugins.CreateAsync(PluginServiceFixture.IpInput("api", _f.ApiId), GatewayHost.TestActor, ct);
        await Plugins.CreateAsync(PluginServiceFixture.IpInput("client", _f.ClientId), GatewayHost.TestActor, ct);
        await CreateSecretPluginAsync(ct);

        // Act
        var all = await Plugins.ListAsync(new PluginQuery(), ct);
        var onApi = await Plugins.ListAsync(new PluginQuery("api", _f.ApiId), ct);
        var ipOnApi = await Plugins.ListAsync(new PluginQuery("API", _f.ApiId, "ip-restriction"), ct);
        var onClient = await Plugins.ListAsync(new PluginQuery("client", _f.ClientId), ct);
        var global = await Plugins.ListAsync(new PluginQuery("global"), ct);

        // Assert
        Assert.Equal([PluginScope.Global, PluginScope.Api, PluginScope.Api, PluginScope.Client], all.Select(p => p.Scope));
        Assert.Equal(2, onApi.Count);
        Assert.Equal(PluginType.IpRestriction, Assert.Single(ipOnApi).Type);
        Assert.Equal("acme (Client acme)", Assert.Single(onClient).TargetName);
        Assert.Null(Assert.Single(global).TargetName);
    }

    [Fact]
    public async Task ListAsync_BadFilters_FieldErrors()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Plugins.ListAsync(new PluginQuery("everywhere", null, "nope"), TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["scope", "type"], ex.Errors.Keys.Order());
    }

    [Fact]
    public void ListTypes_Installed_InRunOrderWithScopesDefaultsAndSecretField()
    {
        // Act
        var types = Plugins.ListTypes();

        // Assert
        Assert.Equal(["ip-restriction", "upstream-basic-auth"], types.Select(t => t.Name));
        Assert.Equal([PluginScope.Global, PluginScope.Backend, PluginScope.Api, PluginScope.Client], types[0].AllowedScopes);
        Assert.Null(types[0].SecretField);
        Assert.Equal([PluginScope.Backend, PluginScope.Api], types[1].AllowedScopes);
        Assert.Equal("password", types[1].SecretField);
        Assert.DoesNotContain("password", types[1].DefaultConfiguration, StringComparison.Ordinal);
        Assert.Null(Plugins.FindType("cors"));
    }

    private PluginInstance Row(PluginScope scope) => new()
    {
        Type = PluginType.IpRestriction,
        Scope = scope,
        BackendId = scope == PluginScope.Backend ? _f.BackendId : null,
        ApiId = scope == PluginScope.Api ? _f.ApiId : null,
        ClientId = scope == PluginScope.Client ? _f.ClientId : null,
        Configuration = "{}",
    };

    private Task<PluginView> CreateSecretPluginAsync(CancellationToken ct) => Plugins.CreateAsync(
        new PluginInput { Type = "upstream-basic-auth", Scope = "api", TargetId = _f.ApiId, Configuration = """{"username":"svc","password":"Hunter2!"}""" },
        GatewayHost.TestActor, ct);
}
