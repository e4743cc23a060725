using System.Net;
using System.Text;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Management;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Scopes;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary>Every enforcement branch of <see cref="ClientAuthenticator"/>, on a fake clock.</summary>
public sealed class ClientAuthenticatorTests
{
    private const int ApiId = 7;

    // Wednesday 2026-03-04 12:00 UTC.
    private FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly ClientLockoutTracker _lockout = new();
    private PasswordVerificationCache _cache;
    private GatewayNetworks _networks = new([], GatewayOptions.DefaultInternalNetworks);

    public ClientAuthenticatorTests()
    {
        _cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);
    }

    [Fact]
    public void Authenticate_ValidClient_ReturnsClient()
    {
        // Arrange
        var catalog = Catalog(ClientRowsFactory.Client(1, "Partner-One", 10));

        // Act
        var error = Authenticate(catalog, Basic("partner-one", ClientRowsFactory.Password), out var client);

        // Assert
        Assert.Null(error);
        Assert.Equal("Partner-One", client!.ClientId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic !!!not-base64!!!")]
    public void Authenticate_MissingOrMalformedHeader_InvalidCredential(string? header)
    {
        // Arrange
        var catalog = Catalog(ClientRowsFactory.Client(1, "c1", 10));

        // Act
        var error = Authenticate(catalog, header, out var client);

        // Assert
        Assert.Same(GatewayError.InvalidCredential, error);
        Assert.Null(client);
    }

    [Theory]
    [InlineData("no-colon")]
    [InlineData(":password-only")]
    [InlineData("c1:")]
    public void Authenticate_BadUserPass_InvalidCredential(string userPass)
    {
        // Arrange
        var catalog = Catalog(ClientRowsFactory.Client(1, "c1", 10));
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userPass));

        // Act
        var error = Authenticate(catalog, header, out _);

        // Assert
        Assert.Same(GatewayError.InvalidCredential, error);
    }

    [Fact]
    public void Authenticate_TooLongPassword_InvalidCredentialWithoutHashing()
    {
        // Arrange
        var catalog = Catalog(ClientRowsFactory.Client(1, "c1", 10));

        // Act
        var error = Authenticate(catalog, Basic("c1", new string('x', ClientPasswordHasher.MaxLength + 1)), out _);

        // Assert
        Assert.Same(GatewayError.InvalidCredential, error);
        Assert.Equal(0, _cache.HashChecks);
    }

    [Fact]
    public void Authenticate_UnknownClient_InvalidCredential()
    {
        // Arrange
        var catalog = Catalog(ClientRowsFactory.Client(1, "c1", 10));

        // Act
        var error = Authenticate(catalog, Basic("nobody", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Same(GatewayError.InvalidCredential, error);
    }

    [Fact]
    public void Authenticate_WrongPassword_InvalidCredentialAndCounted()
    {
        // Arrange
        var catalog = Catalog(ClientRowsFactory.Client(1, "c1", 10));

        // Act
        var error = Authenticate(catalog, Basic("c1", "wrong"), out var client);

        // Assert
        Assert.Same(GatewayError.InvalidCredential, error);
        Assert.Equal(1, _lockout.FailuresOf(catalog.Clients["c1"]));
        Assert.Null(client); // a wrong password identifies nobody
    }

    [Fact]
    public void Authenticate_Disabled_ClientDisabledBeforePasswordCheck()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.Status = ClientStatus.Disabled;
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", "wrong"), out _);

        // Assert
        Assert.Same(GatewayError.ClientDisabled, error);
        Assert.Equal(0, _cache.HashChecks);
    }

    [Fact]
    public void Authenticate_LockedInSnapshot_ClientLockedEvenWithRightPassword()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.Status = ClientStatus.Locked;
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Same(GatewayError.ClientLocked, error);
        Assert.Equal(401, error!.Status);
    }

    [Fact]
    public void Authenticate_ThresholdReached_LocksBeforeSnapshotShowsIt()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.FailedAttemptThreshold = 3;
        var catalog = Catalog(row);

        // Act
        var first = Authenticate(catalog, Basic("c1", "bad1"), out _);
        var second = Authenticate(catalog, Basic("c1", "bad2"), out _);
        var third = Authenticate(catalog, Basic("c1", "bad3"), out _);
        var afterwards = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Same(GatewayError.InvalidCredential, first);
        Assert.Same(GatewayError.InvalidCredential, second);
        Assert.Same(GatewayError.ClientLocked, third);
        Assert.Same(GatewayError.ClientLocked, afterwards);
    }

    [Fact]
    public void Authenticate_CorrectPassword_ResetsFailureCount()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.FailedAttemptThreshold = 3;
        var catalog = Catalog(row);
        Authenticate(catalog, Basic("c1", "bad1"), out _);
        Authenticate(catalog, Basic("c1", "bad2"), out _);

        // Act
        var ok = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);
        var again = Authenticate(catalog, Basic("c1", "bad3"), out _);

        // Assert
        Assert.Null(ok);
        Assert.Same(GatewayError.InvalidCredential, again);
        Assert.Equal(1, _lockout.FailuresOf(catalog.Clients["c1"]));
    }

    [Theory]
    [InlineData("2026-03-05", null, "client_not_yet_valid")]
    [InlineData("2026-03-04", null, null)]
    [InlineData(null, "2026-03-03", "client_expired")]
    [InlineData(null, "2026-03-04", null)]
    public void Authenticate_ValidityDates_UtcClient(string? start, string? expiry, string? expectedCode)
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.StartDate = start is null ? null : DateOnly.Parse(start);
        row.ExpiryDate = expiry is null ? null : DateOnly.Parse(expiry);
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Equal(expectedCode, error?.Code);
    }

    [Fact]
    public void Authenticate_ExpiryInClientTimeZone_UsesLocalDate()
    {
        // Arrange: 2026-03-04 20:00 UTC is already 2026-03-05 in Tokyo (UTC+9).
        StartAt(new DateTimeOffset(2026, 3, 4, 20, 0, 0, TimeSpan.Zero));
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.TimeZoneId = "Asia/Tokyo";
        row.ExpiryDate = new DateOnly(2026, 3, 4);
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Same(GatewayError.ClientExpired, error);
    }

    [Theory]
    [InlineData(12, "09:00", "17:00", null)]
    [InlineData(18, "09:00", "17:00", "outside_service_time")]
    [InlineData(23, "22:00", "06:00", null)]
    [InlineData(3, "22:00", "06:00", null)]
    [InlineData(12, "22:00", "06:00", "outside_service_time")]
    public void Authenticate_ServiceTime_UtcClient(int hour, string start, string end, string? expectedCode)
    {
        // Arrange
        StartAt(new DateTimeOffset(2026, 3, 4, hour, 0, 0, TimeSpan.Zero));
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.ServiceStartTime = TimeOnly.Parse(start);
        row.ServiceEndTime = TimeOnly.Parse(end);
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Equal(expectedCode, error?.Code);
    }

    [Fact]
    public void Authenticate_ServiceTimeInNonUtcZone_ConvertsNow()
    {
        // Arrange: 12:00 UTC is 21:00 in Tokyo; the window is 09:00–17:00 Tokyo time.
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.TimeZoneId = "Asia/Tokyo";
        row.ServiceStartTime = new TimeOnly(9, 0);
        row.ServiceEndTime = new TimeOnly(17, 0);
        var catalog = Catalog(row);
        StartAt(new DateTimeOffset(2026, 3, 4, 1, 0, 0, TimeSpan.Zero));
        var inside = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);
        StartAt(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));

        // Act
        var outside = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Null(inside);
        Assert.Same(GatewayError.OutsideServiceTime, outside);
    }

    [Fact]
    public void Build_UnknownTimeZone_FallsBackToUtcWithWarning()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.TimeZoneId = "Mars/Olympus_Mons";

        // Act
        var catalog = Catalog(row);

        // Assert
        Assert.Same(TimeZoneInfo.Utc, catalog.Clients["c1"].TimeZone);
        Assert.Contains(catalog.Warnings, w => w.Contains("Mars/Olympus_Mons", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", null)]
    [InlineData("10.0.0.0/8", "10.3.2.1", null)]
    [InlineData("10.0.0.0/8", "192.168.1.1", "ip_not_bound")]
    [InlineData("2001:db8::/48", "2001:db8:0:1::9", null)]
    [InlineData("2001:db8::/48", "2001:db8:1::9", "ip_not_bound")]
    [InlineData("::1", "::1", null)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", null)]
    public void Authenticate_IpBinding_MatchesCaller(string binding, string caller, string? expectedCode)
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.IpBindings = [new ClientIpBinding { HostName = "host", IpAddress = binding }];
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _, caller);

        // Assert
        Assert.Equal(expectedCode, error?.Code);
    }

    [Fact]
    public void Authenticate_OnlyUnparsableBinding_MatchesNobody()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.IpBindings = [new ClientIpBinding { HostName = "host", IpAddress = "partner.example" }];
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Same(GatewayError.IpNotBound, error);
        Assert.NotEmpty(catalog.Warnings);
    }

    [Fact]
    public void Authenticate_IpBindingThroughTrustedProxy_UsesForwardedAddress()
    {
        // Arrange
        _networks = new GatewayNetworks(["127.0.0.1"], GatewayOptions.DefaultInternalNetworks);
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.IpBindings = [new ClientIpBinding { HostName = "partner", IpAddress = "203.0.113.0/24" }];
        var catalog = Catalog(row);
        var context = Context(Basic("c1", ClientRowsFactory.Password), "127.0.0.1");
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.50";

        // Act
        var error = new ClientAuthenticator(_cache, _lockout, _networks, _time).Authenticate(context, catalog, ApiId, out _);

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public void Authenticate_NoGroupWithApi_ApiNotAuthorized()
    {
        // Arrange
        var catalog = Catalog(ClientRowsFactory.Client(1, "c1", 11));

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out var client);

        // Assert: the password matched, so the refused caller is known (the call log names it).
        Assert.Same(GatewayError.ApiNotAuthorized, error);
        Assert.Equal("c1", client?.ClientId);
    }

    [Fact]
    public void Authenticate_GroupThroughScope_Authorized()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1");
        row.Scopes = [new ClientScope { ApiClientId = 1, ApiScopeId = 5 }];
        var catalog = Catalog([row], [ClientRowsFactory.Scope(5, 10)]);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public void Build_GroupAboveClientLevel_GrantsNothing()
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        var groups = new List<ApiGroup> { ClientRowsFactory.Group(10, ApiId) };
        groups[0].SecurityLevel = ClientRowsFactory.LevelA;

        // Act
        var catalog = ClientCatalogBuilder.Build([row], groups, []);

        // Assert
        Assert.Empty(catalog.Clients["c1"].Grants);
        Assert.NotEmpty(catalog.Warnings);
    }

    [Theory]
    [InlineData(AllowedDays.Wednesday, null, null, null)]
    [InlineData(AllowedDays.Monday | AllowedDays.Tuesday, null, null, "group_not_open")]
    [InlineData(AllowedDays.All, "08:00", "13:00", null)]
    [InlineData(AllowedDays.All, "13:00", "18:00", "group_not_open")]
    [InlineData(AllowedDays.All, "22:00", "13:00", null)]
    [InlineData(AllowedDays.None, null, null, "group_not_open")]
    public void Authenticate_GroupDaysAndHours_UtcGroup(AllowedDays days, string? start, string? end, string? expectedCode)
    {
        // Arrange: Wednesday 12:00 UTC.
        var group = ClientRowsFactory.Group(10, ApiId);
        group.AllowedDays = days;
        group.AllowedStartTime = start is null ? null : TimeOnly.Parse(start);
        group.AllowedEndTime = end is null ? null : TimeOnly.Parse(end);
        var catalog = ClientCatalogBuilder.Build([ClientRowsFactory.Client(1, "c1", 10)], [group], []);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Equal(expectedCode, error?.Code);
    }

    [Fact]
    public void Authenticate_GroupInNonUtcZone_UsesGroupLocalDayAndTime()
    {
        // Arrange: Wednesday 20:00 UTC is Thursday 05:00 in Tokyo; the group is open Thursdays 00:00–06:00 Tokyo.
        StartAt(new DateTimeOffset(2026, 3, 4, 20, 0, 0, TimeSpan.Zero));
        var group = ClientRowsFactory.Group(10, ApiId);
        group.TimeZoneId = "Asia/Tokyo";
        group.AllowedDays = AllowedDays.Thursday;
        group.AllowedStartTime = new TimeOnly(0, 0);
        group.AllowedEndTime = new TimeOnly(6, 0);
        var catalog = ClientCatalogBuilder.Build([ClientRowsFactory.Client(1, "c1", 10)], [group], []);
        var open = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);
        _time.Advance(TimeSpan.FromHours(2));

        // Act
        var closed = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Null(open);
        Assert.Same(GatewayError.GroupNotOpen, closed);
    }

    [Fact]
    public void Authenticate_OneOfTwoGroupsOpen_Authorized()
    {
        // Arrange
        var closed = ClientRowsFactory.Group(10, ApiId);
        closed.AllowedDays = AllowedDays.Sunday;
        var open = ClientRowsFactory.Group(11, ApiId);
        var catalog = ClientCatalogBuilder.Build([ClientRowsFactory.Client(1, "c1", 10, 11)], [closed, open], []);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _);

        // Assert
        Assert.Null(error);
    }

    [Theory]
    [InlineData(ClientAudience.Internal, "10.1.2.3", null)]
    [InlineData(ClientAudience.Internal, "127.0.0.1", null)]
    [InlineData(ClientAudience.Internal, "203.0.113.9", "audience_not_allowed")]
    [InlineData(ClientAudience.Internal, "2001:db8::1", "audience_not_allowed")]
    [InlineData(ClientAudience.External, "203.0.113.9", null)]
    [InlineData(ClientAudience.InternalAndExternal, "203.0.113.9", null)]
    public void Authenticate_Audience_InternalOnlyFromInternalNetworks(ClientAudience audience, string caller, string? expectedCode)
    {
        // Arrange
        var row = ClientRowsFactory.Client(1, "c1", 10);
        row.Audience = audience;
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _, caller);

        // Assert
        Assert.Equal(expectedCode, error?.Code);
    }

    [Fact]
    public void Authenticate_ChecksInOrder_StatusBeforeDatesBeforeIp()
    {
        // Arrange: expired, outside its IP binding and without the API: the first failing check answers.
        var row = ClientRowsFactory.Client(1, "c1");
        row.ExpiryDate = new DateOnly(2020, 1, 1);
        row.IpBindings = [new ClientIpBinding { HostName = "h", IpAddress = "10.0.0.1" }];
        var catalog = Catalog(row);

        // Act
        var error = Authenticate(catalog, Basic("c1", ClientRowsFactory.Password), out _, "192.168.0.1");

        // Assert
        Assert.Same(GatewayError.ClientExpired, error);
    }

    private void StartAt(DateTimeOffset utcNow)
    {
        _time = new FakeTimeProvider(utcNow);
        _cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);
    }

    private ClientCatalog Catalog(params ApiClient[] clients) => Catalog(clients, []);

    private static ClientCatalog Catalog(ApiClient[] clients, ApiScope[] scopes) =>
        ClientCatalogBuilder.Build(clients, [ClientRowsFactory.Group(10, ApiId), ClientRowsFactory.Group(11, ApiId + 1)], scopes);

    private GatewayError? Authenticate(ClientCatalog catalog, string? header, out ClientEntry? client, string caller = "127.0.0.1") =>
        new ClientAuthenticator(_cache, _lockout, _networks, _time).Authenticate(Context(header, caller), catalog, ApiId, out client);

    private static DefaultHttpContext Context(string? header, string caller)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(caller);
        if (header is not null)
        {
            context.Request.Headers.Authorization = header;
        }

        return context;
    }

    private static string Basic(string clientId, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + password));
}
