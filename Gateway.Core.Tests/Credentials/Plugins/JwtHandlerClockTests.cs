using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Credentials.Plugins.Runtime;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>The jwt handler's exp / nbf / maximum_expiration checks against a fake clock, on a snapshot built from rows.</summary>
public sealed class JwtHandlerClockTests : IDisposable
{
    private const string Secret = "clock-test-secret-with-enough-length!";
    private const string Issuer = "clock-issuer";

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly RuntimeParts _parts;
    private readonly GatewaySnapshot _snapshot;
    private readonly RouteInfo _route;
    private readonly JwtHandler _handler;

    public JwtHandlerClockTests()
    {
        var protector = new SecretProtector(new EphemeralDataProtectionProvider());
        var api = CatalogRowsFactory.Api(1, "/clock");
        api.AcceptedCredentials = CredentialTypes.Jwt;
        api.AuthenticationOptions = new ApiAuthenticationOptions { Jwt = new JwtOptions { ClaimsToVerify = ["exp", "nbf"], MaximumExpiration = 3600 } };
        var rows = new CatalogRows(
            1,
            [CatalogRowsFactory.Backend()],
            [api],
            [ClientRowsFactory.Client(1, "clock-client", 1)],
            [ClientRowsFactory.Group(1, 1)],
            [],
            PluginCredentials: new PluginCredentialRows([], [new JwtCredential { Id = 1, ApiClientId = 1, Key = Issuer, Algorithm = JwtAlgorithm.HS256, ProtectedSecret = protector.Protect(Secret) }]));
        _snapshot = SnapshotBuilder.Build(rows, Start.UtcDateTime, new GatewayMetrics());
        _route = _snapshot.Routes[SnapshotBuilder.RouteIdFor(1)];
        _parts = new RuntimeParts(rows);
        _handler = new JwtHandler(_parts.Provider, protector, _time);
    }

    public void Dispose() => _parts.Dispose();

    [Fact]
    public async Task Authenticate_TokenExpiresAsClockAdvances_ThenTokenExpired()
    {
        // Arrange
        var token = TestJwt.Hmac("HS256", Secret, new { iss = Issuer, exp = Start.ToUnixTimeSeconds() + 60 });

        // Act
        var before = await AuthenticateAsync(token);
        _time.Advance(TimeSpan.FromSeconds(60));
        var atExpiry = await AuthenticateAsync(token);

        // Assert
        Assert.Null(before.Error);
        Assert.Equal("clock-client", before.Client!.ClientId);
        Assert.Equal("exp: token expired", atExpiry.Error!.Detail);
    }

    [Fact]
    public async Task Authenticate_NotBefore_ValidOnceClockReachesIt()
    {
        // Arrange
        var token = TestJwt.Hmac("HS256", Secret, new { iss = Issuer, exp = Start.ToUnixTimeSeconds() + 600, nbf = Start.ToUnixTimeSeconds() + 30 });

        // Act
        var early = await AuthenticateAsync(token);
        _time.Advance(TimeSpan.FromSeconds(30));
        var onTime = await AuthenticateAsync(token);

        // Assert
        Assert.Equal("nbf: token not valid yet", early.Error!.Detail);
        Assert.Null(onTime.Error);
    }

    [Fact]
    public async Task Authenticate_MaximumExpiration_MeasuredFromFakeNow()
    {
        // Arrange
        var token = TestJwt.Hmac("HS256", Secret, new { iss = Issuer, exp = Start.ToUnixTimeSeconds() + 3601 });

        // Act
        var tooFar = await AuthenticateAsync(token);
        _time.Advance(TimeSpan.FromSeconds(1));
        var withinLimit = await AuthenticateAsync(token);

        // Assert
        Assert.Equal("exp: exceeds maximum allowed expiration", tooFar.Error!.Detail);
        Assert.Null(withinLimit.Error);
    }

    [Fact]
    public async Task Authenticate_AbsentNbf_PassesAsInKong()
    {
        // Act
        var outcome = await AuthenticateAsync(TestJwt.Hmac("HS256", Secret, new { iss = Issuer, exp = Start.ToUnixTimeSeconds() + 10 }));

        // Assert
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task Authenticate_NonNumericClaims_MustBeANumber()
    {
        // Act
        var exp = await AuthenticateAsync(TestJwt.Hmac("HS256", Secret, new { iss = Issuer, exp = "tomorrow" }));
        var nbf = await AuthenticateAsync(TestJwt.Hmac("HS256", Secret, new { iss = Issuer, exp = Start.ToUnixTimeSeconds() + 10, nbf = "now" }));

        // Assert
        Assert.Equal("exp: must be a number", exp.Error!.Detail);
        Assert.Equal("nbf: must be a number", nbf.Error!.Detail);
    }

    private async Task<ApiManager.Gateway.Credentials.Runtime.CredentialOutcome> AuthenticateAsync(string token)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + token;
        Assert.True(_handler.IsPresent(context, _route));
        return await _handler.AuthenticateAsync(context, _snapshot, _route);
    }
}
