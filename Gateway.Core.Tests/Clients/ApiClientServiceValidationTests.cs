using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary>ApiClientService field validation against a real migrated SQLite file.</summary>
public sealed class ApiClientServiceValidationTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private ClientTestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _services = new ClientTestServices(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    public static TheoryData<string, ApiClientInput> BadInputs() => new()
    {
        { "clientId", ClientTestServices.Input("c1") with { ClientId = "" } },
        { "clientId", ClientTestServices.Input("c1") with { ClientId = "has space" } },
        { "clientId", ClientTestServices.Input("c1") with { ClientId = "bad#char" } },
        { "clientId", ClientTestServices.Input("c1") with { ClientId = new string('a', 101) } },
        { "clientName", ClientTestServices.Input("c1") with { ClientName = "" } },
        { "clientName", ClientTestServices.Input("c1") with { ClientName = "dots.not.allowed" } },
        { "clientName", ClientTestServices.Input("c1") with { ClientName = new string('n', 101) } },
        { "applicationNo", ClientTestServices.Input("c1") with { ApplicationNo = new string('1', 101) } },
        { "displayName", ClientTestServices.Input("c1") with { DisplayName = "  " } },
        { "displayName", ClientTestServices.Input("c1") with { DisplayName = new string('d', 201) } },
        { "password", ClientTestServices.Input("c1") with { Password = "", ConfirmPassword = "" } },
        { "password", ClientTestServices.Input("c1") with { Password = new string('p', 129), ConfirmPassword = new string('p', 129) } },
        { "confirmPassword", ClientTestServices.Input("c1") with { ConfirmPassword = "other" } },
        { "confirmPassword", ClientTestServices.Input("c1") with { ConfirmPassword = null } },
        { "ipBindings[0].hostName", ClientTestServices.Input("c1") with { IpBindings = [new() { HostName = "bad host!", IpAddress = "10.0.0.1" }] } },
        { "ipBindings[0].hostName", ClientTestServices.Input("c1") with { IpBindings = [new() { HostName = "", IpAddress = "10.0.0.1" }] } },
        { "ipBindings[0].ipAddress", ClientTestServices.Input("c1") with { IpBindings = [new() { HostName = "app.example.com", IpAddress = "10.0.0" }] } },
        { "ipBindings[0].ipAddress", ClientTestServices.Input("c1") with { IpBindings = [new() { HostName = "app.example.com", IpAddress = "300.1.1.1" }] } },
        { "ipBindings[0].ipAddress", ClientTestServices.Input("c1") with { IpBindings = [new() { HostName = "app.example.com", IpAddress = "10.0.0.0/33" }] } },
        { "ipBindings[0].ipAddress", ClientTestServices.Input("c1") with { IpBindings = [new() { HostName = "app.example.com", IpAddress = "" }] } },
        { "ipBindings", ClientTestServices.Input("c1") with { IpBindings = [.. Enumerable.Range(0, 51).Select(i => new ClientIpBindingInput { HostName = "h" + i, IpAddress = "10.0.0." + i })] } },
        { "expiryDate", ClientTestServices.Input("c1") with { StartDate = new DateOnly(2026, 5, 2), ExpiryDate = new DateOnly(2026, 5, 1) } },
        { "serviceEndTime", ClientTestServices.Input("c1") with { ServiceStartTime = new TimeOnly(9, 0) } },
        { "serviceStartTime", ClientTestServices.Input("c1") with { ServiceEndTime = new TimeOnly(17, 0) } },
        { "timeZoneId", ClientTestServices.Input("c1") with { TimeZoneId = "Mars/Olympus" } },
        { "apiQuota", ClientTestServices.Input("c1") with { ApiQuota = -1 } },
        { "quotaResetPeriod", ClientTestServices.Input("c1") with { QuotaResetPeriod = (QuotaResetPeriod)9 } },
        { "tpsPerNode", ClientTestServices.Input("c1") with { TpsPerNode = -1 } },
        { "priority", ClientTestServices.Input("c1") with { Priority = -1 } },
        { "priority", ClientTestServices.Input("c1") with { Priority = 10 } },
        { "note", ClientTestServices.Input("c1") with { Note = "" } },
        { "status", ClientTestServices.Input("c1") with { Status = (ClientStatus)7 } },
        { "audience", ClientTestServices.Input("c1") with { Audience = (ClientAudience)7 } },
        { "emails", ClientTestServices.Input("c1") with { Emails = "ok@example.com, not-an-email" } },
        { "emails", ClientTestServices.Input("c1") with { Emails = "Name <ok@example.com>" } },
        { "emails", ClientTestServices.Input("c1") with { Emails = string.Join(",", Enumerable.Range(0, 21).Select(i => $"u{i}@example.com")) } },
        { "remark", ClientTestServices.Input("c1") with { Remark = new string('r', 2001) } },
        { "securityLevelId", ClientTestServices.Input("c1") with { SecurityLevelId = 999 } },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task CreateAsync_BadField_RejectedOnThatFieldOnly(string field, ApiClientInput input)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Clients.CreateAsync(input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal(0, _services.Signal.Count);
    }

    [Fact]
    public async Task CreateAsync_EveryField_StoredNormalizedWithHashedPassword()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = ClientTestServices.Input("partner.one@corp") with
        {
            ClientName = "partner_one",
            ApplicationNo = " APP-7 ",
            Password = "  any chars ✓ ",
            ConfirmPassword = "  any chars ✓ ",
            IpBindings =
            [
                new() { HostName = "app.example.com", IpAddress = "10.1.2.3" },
                new() { HostName = "v6.example.com", IpAddress = "2001:DB8::1" },
                new() { HostName = "net.example.com", IpAddress = "192.168.0.0/16" },
            ],
            StartDate = new DateOnly(2026, 1, 1),
            ExpiryDate = new DateOnly(2026, 12, 31),
            ServiceStartTime = new TimeOnly(22, 0),
            ServiceEndTime = new TimeOnly(6, 0),
            TimeZoneId = "Asia/Taipei",
            ApiQuota = 1000,
            QuotaResetPeriod = QuotaResetPeriod.Monthly,
            TpsPerNode = 0,
            Priority = 0,
            Status = ClientStatus.Disabled,
            Audience = ClientAudience.Internal,
            Emails = "a@example.com ,b@example.com",
            Remark = " remark ",
        };

        // Act
        var created = await _services.Clients.CreateAsync(input, GatewayHost.TestActor, ct);
        var found = await _services.Clients.FindAsync(created.Id, ct);

        // Assert
        Assert.NotNull(found);
        Assert.Equal("partner.one@corp", found.ClientId);
        Assert.Equal("APP-7", found.ApplicationNo);
        Assert.Equal(["10.1.2.3", "2001:db8::1", "192.168.0.0/16"], found.IpBindings.OrderBy(b => b.Id).Select(b => b.IpAddress));
        Assert.Equal(new TimeOnly(22, 0), found.ServiceStartTime);
        Assert.Equal("Asia/Taipei", found.TimeZoneId);
        Assert.Equal(QuotaResetPeriod.Monthly, found.QuotaResetPeriod);
        Assert.Equal(ClientAudience.Internal, found.Audience);
        Assert.Equal(ClientStatus.Disabled, found.Status);
        Assert.Equal("a@example.com, b@example.com", found.Emails);
        Assert.Equal("remark", found.Remark);
        Assert.Equal("D", found.SecurityLevel!.Code);
        Assert.True(_services.Hasher.Verify(found.PasswordHash, "  any chars ✓ "));
        Assert.DoesNotContain("any chars", found.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(1, _services.Signal.Count);
    }

    [Fact]
    public async Task CreateAsync_ManyBadFields_ReportsEveryFieldAtOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var input = new ApiClientInput { ClientId = "bad id", ClientName = "bad name", Priority = 12, TpsPerNode = -3, Emails = "x" };

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Clients.CreateAsync(input, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["clientId", "clientName", "displayName", "emails", "note", "password", "priority", "tpsPerNode"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task CreateAsync_DuplicateClientIdAndNameAnyCase_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _services.Clients.CreateAsync(ClientTestServices.Input("orders"), GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Clients.CreateAsync(ClientTestServices.Input("ORDERS"), GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["clientId", "clientName"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task UpdateAsync_ChangesFieldsAndBindingsButNotPassword()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await _services.Clients.CreateAsync(ClientTestServices.Input("c1") with { IpBindings = [new() { HostName = "a.example.com", IpAddress = "10.0.0.1" }] }, GatewayHost.TestActor, ct);
        var update = ApiClientInput.From(created) with { DisplayName = "Renamed", Password = "ignored", ConfirmPassword = "other", IpBindings = [new() { HostName = "b.example.com", IpAddress = "10.0.0.2" }] };

        // Act
        await _services.Clients.UpdateAsync(created.Id, update, GatewayHost.TestActor, ct);
        var found = await _services.Clients.FindAsync(created.Id, ct);

        // Assert
        Assert.Equal("Renamed", found!.DisplayName);
        Assert.Equal(["b.example.com"], found.IpBindings.Select(b => b.HostName));
        Assert.True(_services.Hasher.Verify(found.PasswordHash, "S3cret pass!"));
        Assert.Equal(2, _services.Signal.Count);
    }

    [Fact]
    public async Task UpdateAsync_StaleStamp_Conflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await _services.Clients.CreateAsync(ClientTestServices.Input("c1"), GatewayHost.TestActor, ct);
        var update = ApiClientInput.From(created) with { ConcurrencyStamp = Guid.NewGuid() };

        // Act + Assert
        await Assert.ThrowsAsync<EntityConflictException>(() => _services.Clients.UpdateAsync(created.Id, update, GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task UpdateAsync_Missing_NotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act + Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => _services.Clients.UpdateAsync(4242, ClientTestServices.Input("c1"), GatewayHost.TestActor, ct));
    }

    [Fact]
    public async Task UpdateAsync_BadField_Rejected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await _services.Clients.CreateAsync(ClientTestServices.Input("c1"), GatewayHost.TestActor, ct);

        // Act
        var error = await Assert.ThrowsAsync<ServiceValidationException>(() => _services.Clients.UpdateAsync(created.Id, ApiClientInput.From(created) with { Priority = 10 }, GatewayHost.TestActor, ct));

        // Assert
        Assert.Equal(["priority"], error.Errors.Keys);
    }
}
