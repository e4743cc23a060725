using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Apis.Diversion;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Apis.Diversion;

/// <summary>ApiDiversionService against a real migrated SQLite file.</summary>
public sealed class ApiDiversionServiceTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private CatalogServices _services = null!;
    private ApiDiversionService _diversions = null!;
    private int _apiId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TempDatabase.CreateAsync(ct);
        _services = new CatalogServices(_database);
        _diversions = new ApiDiversionService(_database.Factory, new ConfigChangeWriter(_services.Signal, new AuditRecorder(_database.Factory, _services.Time)));
        var backend = await _services.Backends.CreateAsync(new BackendInput { Name = "main", Host = "127.0.0.1", Port = 8080 }, GatewayHost.TestActor, ct);
        _apiId = (await _services.Apis.CreateAsync(new ApiInput { Name = "shop", DisplayName = "Shop", Path = "/shop", BackendId = backend.Id, IsPublic = true }, GatewayHost.TestActor, ct)).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ReplaceAsync_Rules_StoredInOrderAuditedAndSignalled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var signals = _services.Signal.Count;

        // Act
        await _diversions.ReplaceAsync(_apiId, [new(" 10.0.0.0/8 ", " http://10.0.0.5:8080/base "), new("2001:db8::/32", "https://v6.example")], GatewayHost.TestActor, ct);
        var rules = await _diversions.ListAsync(_apiId, ct);

        // Assert
        Assert.Equal([("10.0.0.0/8", "http://10.0.0.5:8080/base", 0), ("2001:db8::/32", "https://v6.example", 1)], rules.Select(r => (r.Source, r.TargetUrl, r.Position)));
        Assert.Equal(signals + 1, _services.Signal.Count);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == ApiDiversionService.EntityName, ct);
        Assert.Equal("Replaced", audit.Action);
    }

    [Fact]
    public async Task ReplaceAsync_ReorderedShorterList_ReplacesWholeList()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _diversions.ReplaceAsync(_apiId, [new("10.0.0.1", "http://a:1"), new("10.0.0.2", "http://b:1"), new("10.0.0.3", "http://c:1")], GatewayHost.TestActor, ct);

        // Act
        await _diversions.ReplaceAsync(_apiId, [new("10.0.0.3", "http://c:1"), new("10.0.0.1", "http://a:1")], GatewayHost.TestActor, ct);

        // Assert
        var rules = await _diversions.ListAsync(_apiId, ct);
        Assert.Equal(["10.0.0.3", "10.0.0.1"], rules.Select(r => r.Source));
    }

    [Fact]
    public async Task ReplaceAsync_EmptyList_RemovesEveryRule()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _diversions.ReplaceAsync(_apiId, [new("10.0.0.1", "http://a:1")], GatewayHost.TestActor, ct);

        // Act
        await _diversions.ReplaceAsync(_apiId, [], GatewayHost.TestActor, ct);

        // Assert
        Assert.Empty(await _diversions.ListAsync(_apiId, ct));
    }

    [Theory]
    [InlineData("300.1.1.1", "http://a:1", "rules[0].source")]
    [InlineData("10.0.0.0/40", "http://a:1", "rules[0].source")]
    [InlineData("fe80::1%eth0", "http://a:1", "rules[0].source")]
    [InlineData("", "http://a:1", "rules[0].source")]
    [InlineData("10.0.0.0/8", "", "rules[0].targetUrl")]
    [InlineData("10.0.0.0/8", "ftp://files.example/x", "rules[0].targetUrl")]
    [InlineData("10.0.0.0/8", "/relative/path", "rules[0].targetUrl")]
    [InlineData("10.0.0.0/8", "http://a:1/p?x=1", "rules[0].targetUrl")]
    [InlineData("10.0.0.0/8", "http://a:1/p#frag", "rules[0].targetUrl")]
    [InlineData("10.0.0.0/8", "http://user:secret@a:1/p", "rules[0].targetUrl")]
    public async Task ReplaceAsync_BadRule_FieldErrorAndNothingStored(string source, string url, string field)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _diversions.ReplaceAsync(_apiId, [new(source, url)], GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal([field], error.Errors.Keys);
        Assert.Empty(await _diversions.ListAsync(_apiId, ct));
    }

    [Fact]
    public async Task ReplaceAsync_BadThirdRule_ErrorNamesItsIndex()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _diversions.ReplaceAsync(_apiId,
            [new("10.0.0.1", "http://a:1"), new("10.0.0.2", "http://b:1"), new("10.0.0/8", "mailto:x@y")], GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["rules[2].source", "rules[2].targetUrl"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReplaceAsync_SixRules_ListError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var rules = Enumerable.Range(1, 6).Select(i => new ApiDiversionRule($"10.0.0.{i}", "http://a:1")).ToList();

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _diversions.ReplaceAsync(_apiId, rules, GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("at most 5", Assert.Single(error.Errors["rules"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceAsync_DuplicateNetworkSpelledDifferently_ErrorOnSecond()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _diversions.ReplaceAsync(_apiId,
            [new("10.0.0.0/8", "http://a:1"), new("10.9.9.9/8", "http://b:1")], GatewayHost.TestActor, ct));

        // Assert
        Assert.Contains("Rule 1 already diverts", Assert.Single(error.Errors["rules[1].source"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceAsync_NoList_RulesFieldErrorAndExistingKept()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _diversions.ReplaceAsync(_apiId, [new("10.0.0.1", "http://a:1")], GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _diversions.ReplaceAsync(_apiId, null, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["rules"], error.Errors.Keys);
        Assert.Single(await _diversions.ListAsync(_apiId, ct));
    }

    [Fact]
    public async Task ReplaceAsync_NullRule_FieldError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _diversions.ReplaceAsync(_apiId, [null], GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["rules[0]"], error.Errors.Keys);
    }

    [Fact]
    public async Task ListAndReplace_UnknownApi_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var list = await Assert.ThrowsAsync<EntityNotFoundException>(() => _diversions.ListAsync(9999, ct));
        var replace = await Assert.ThrowsAsync<EntityNotFoundException>(() => _diversions.ReplaceAsync(9999, [], GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal("API", list.Entity);
        Assert.Equal("API", replace.Entity);
    }

    [Fact]
    public async Task DeleteApi_WithRules_RulesDeletedWithIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _diversions.ReplaceAsync(_apiId, [new("10.0.0.1", "http://a:1")], GatewayHost.TestActor, ct);

        // Act
        await _services.Apis.DeleteAsync(_apiId, GatewayHost.TestActor, ct);

        // Assert
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.ApiIpDiversions.CountAsync(ct));
    }
}
