using System.Net;
using System.Text;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Credentials.SignedKeys.Runtime;
using ApiManager.Gateway.Management;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.SignedKeys;

/// <summary>Every branch of <see cref="SignedKeyHandler"/> on a snapshot built from rows, with a fake clock.</summary>
public sealed class SignedKeyHandlerTests
{
    private const int ApiId = 7;
    private const int OtherApiId = 8;
    private const string ApiKey = "K3y-Id_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string SecretKey = "S3cret_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static readonly DateTime Now = new(2026, 3, 4, 12, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Now));
    private readonly SecretProtector _protector = new(new EphemeralDataProtectionProvider());
    private readonly SignedKeyRuntime _runtime;
    private readonly SignedKeyHandler _handler;

    public SignedKeyHandlerTests()
    {
        _runtime = new SignedKeyRuntime(_protector, NullLogger<SignedKeyRuntime>.Instance);
        var authenticator = new ClientAuthenticator(
            new PasswordVerificationCache(ClientRowsFactory.Hasher, _time), new ClientLockoutTracker(), new GatewayNetworks([], GatewayOptions.DefaultInternalNetworks), _time);
        _handler = new SignedKeyHandler(_runtime, authenticator, _time);
    }

    [Fact]
    public async Task Authenticate_CorrectSignatureNoBody_NamesClientAndKey()
    {
        // Arrange
        var snapshot = Snapshot(Key());
        var context = Context(DgrkSigner.Header("", ApiKey, SecretKey));

        // Act
        var outcome = await Authenticate(snapshot, context);

        // Assert
        Assert.Null(outcome.Error);
        Assert.Equal("client-1", outcome.Client!.ClientId);
        Assert.Equal(ApiKey, outcome.CredentialId);
        Assert.True(outcome.ClientChecked);
    }

    [Fact]
    public async Task Authenticate_PrettyJsonSignedMinified_AcceptedAndBodyRewound()
    {
        // Arrange
        var pretty = "{\n  \"order\" : 42,\n  \"items\" : [ \"a b\", true, null ],\n  \"note\" : \"x  y\"\n}\n";
        var context = Context(DgrkSigner.Header("{\"order\":42,\"items\":[\"a b\",true,null],\"note\":\"x  y\"}", ApiKey, SecretKey), pretty);

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Null(outcome.Error);
        Assert.Equal(0, context.Request.Body.Position);
        using var reader = new StreamReader(context.Request.Body);
        Assert.Equal(pretty, await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Authenticate_NonAsciiJson_SignedAsJqWouldMinify_Accepted()
    {
        // Arrange: jq -c keeps "é" and "<" unescaped.
        var context = Context(DgrkSigner.Header("{\"name\":\"café <b>\"}", ApiKey, SecretKey), "{ \"name\": \"café <b>\" }");

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task Authenticate_NonJsonBody_SignedAsIs_Accepted()
    {
        // Arrange
        var body = "name = value \n other";
        var context = Context(DgrkSigner.Header(body, ApiKey, SecretKey), body, "text/plain");

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task Authenticate_BodyTampered_SignatureIncorrect()
    {
        // Arrange
        var context = Context(DgrkSigner.Header("{\"amount\":10}", ApiKey, SecretKey), "{\"amount\":1000}");

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Same(SignedKeyErrors.Signature, outcome.Error);
        Assert.Equal("API Key Signature Incorrect", outcome.Error!.Detail);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData(SecretKey + "x")]
    public async Task Authenticate_SignedWithOtherSecret_SignatureIncorrect(string secret)
    {
        // Arrange
        var context = Context(DgrkSigner.Header("", ApiKey, secret));

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Equal(401, outcome.Error!.Status);
        Assert.Equal("signed_key_signature", outcome.Error.Code);
    }

    [Theory]
    [InlineData("DGRK " + ApiKey + ".!!!not-base64!!!")]
    [InlineData("DGRK " + ApiKey + ".c2hvcnQ=")]
    public async Task Authenticate_UndecodableSignature_SignatureIncorrect(string header)
    {
        // Act
        var outcome = await Authenticate(Snapshot(Key()), Context(header));

        // Assert
        Assert.Same(SignedKeyErrors.Signature, outcome.Error);
    }

    [Fact]
    public async Task Authenticate_UnknownKey_Unknown()
    {
        // Arrange
        var context = Context(DgrkSigner.Header("", "not-a-key", SecretKey));

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Same(SignedKeyErrors.Unknown, outcome.Error);
    }

    [Theory]
    [InlineData("DGRK abc")]
    [InlineData("DGRK")]
    [InlineData("DGRK ")]
    [InlineData("DGRK .c2ln")]
    [InlineData("DGRK abc.")]
    [InlineData("DGRK .")]
    public async Task Authenticate_MalformedHeader_Malformed(string header)
    {
        // Act
        var outcome = await Authenticate(Snapshot(Key()), Context(header));

        // Assert
        Assert.Same(SignedKeyErrors.Malformed, outcome.Error);
        Assert.Equal(401, outcome.Error!.Status);
    }

    [Fact]
    public async Task Authenticate_HugeHeader_Malformed()
    {
        // Arrange
        var header = "DGRK " + new string('k', 20_000) + ".c2ln";

        // Act
        var outcome = await Authenticate(Snapshot(Key()), Context(header));

        // Assert
        Assert.Same(SignedKeyErrors.Malformed, outcome.Error);
    }

    [Theory]
    [InlineData("DGRK a.b", true)]
    [InlineData("dgrk a.b", true)]
    [InlineData("Signature dGrK a.b", true)]
    [InlineData("Basic YWJjDgRkZGVm", false)]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.xDGRKx.sig", false)]
    [InlineData("Basic abc", false)]
    public void IsPresent_DetectsSchemeByContains(string header, bool expected)
    {
        // Act
        var present = _handler.IsPresent(Context(header), Route(Snapshot(Key())));

        // Assert
        Assert.Equal(expected, present);
    }

    [Fact]
    public async Task Authenticate_ExpiredOnFakeClock_Expired()
    {
        // Arrange
        var snapshot = Snapshot(Key(k => k.ExpiresAt = Now.AddHours(1)));
        _time.Advance(TimeSpan.FromHours(1));

        // Act
        var outcome = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, SecretKey)));

        // Assert
        Assert.Same(SignedKeyErrors.Expired, outcome.Error);
    }

    [Fact]
    public async Task Authenticate_ExpiredStatus_Expired()
    {
        // Arrange
        var snapshot = Snapshot(Key(k => k.Status = SignedKeyStatus.Expired));

        // Act
        var outcome = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, SecretKey)));

        // Assert
        Assert.Same(SignedKeyErrors.Expired, outcome.Error);
    }

    [Fact]
    public async Task Authenticate_Revoked_RevokedOnlyWithCorrectSignature()
    {
        // Arrange
        var snapshot = Snapshot(Key(k => k.Status = SignedKeyStatus.Revoked));

        // Act
        var signed = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, SecretKey)));
        var forged = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, "guess")));

        // Assert
        Assert.Same(SignedKeyErrors.Revoked, signed.Error);
        Assert.Same(SignedKeyErrors.Signature, forged.Error);
    }

    [Fact]
    public async Task Authenticate_NoUsesLeft_UsedUp()
    {
        // Arrange
        var snapshot = Snapshot(Key(k =>
        {
            k.TimesQuota = 3;
            k.RemainingUses = 0;
        }));

        // Act
        var outcome = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, SecretKey)));

        // Assert
        Assert.Same(SignedKeyErrors.UsedUp, outcome.Error);
    }

    [Fact]
    public async Task Authenticate_ApiNotInKeyList_Forbidden()
    {
        // Arrange: the client may call both APIs, the key only the other one.
        var snapshot = Snapshot(Key(k => k.Apis = [new SignedApiKeyApi { ApiDefinitionId = OtherApiId }]));

        // Act
        var outcome = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, SecretKey)));

        // Assert
        Assert.Same(SignedKeyErrors.ApiDenied, outcome.Error);
        Assert.Equal(403, outcome.Error!.Status);
    }

    [Fact]
    public async Task Authenticate_DisabledClient_RefusedBeforeSignature()
    {
        // Arrange
        var snapshot = Snapshot(Key(), c => c.Status = ClientStatus.Disabled);

        // Act
        var outcome = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, "not-the-secret")));

        // Assert
        Assert.Same(GatewayError.ClientDisabled, outcome.Error);
    }

    [Fact]
    public async Task Authenticate_ContentLengthOverLimit_413()
    {
        // Arrange
        var context = Context(DgrkSigner.Header("", ApiKey, SecretKey), "{}");
        context.Request.ContentLength = SignedKeyHandler.MaxBodyBytes + 1;

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Same(SignedKeyErrors.BodyTooLarge, outcome.Error);
    }

    [Fact]
    public async Task Authenticate_ChunkedBodyOverLimit_413()
    {
        // Arrange
        var context = Context(DgrkSigner.Header("", ApiKey, SecretKey), new string('x', SignedKeyHandler.MaxBodyBytes + 10));
        context.Request.ContentLength = null;

        // Act
        var outcome = await Authenticate(Snapshot(Key()), context);

        // Assert
        Assert.Equal(413, outcome.Error!.Status);
    }

    [Fact]
    public async Task Consume_QuotaOfTwo_ThirdCallUsedUp()
    {
        // Arrange
        var snapshot = Snapshot(Key(k =>
        {
            k.TimesQuota = 2;
            k.RemainingUses = 2;
        }));
        var outcome = await Authenticate(snapshot, Context(DgrkSigner.Header("", ApiKey, SecretKey)));

        // Act
        var first = _handler.Consume(outcome);
        var second = _handler.Consume(outcome);
        var third = _handler.Consume(outcome);

        // Assert
        Assert.Null(first);
        Assert.Null(second);
        Assert.Same(SignedKeyErrors.UsedUp, third);
    }

    [Fact]
    public void Strip_RemovesAuthorization()
    {
        // Arrange
        var context = Context("DGRK a.b");

        // Act
        _handler.Strip(context, Route(Snapshot(Key())));

        // Assert
        Assert.False(context.Request.Headers.ContainsKey("Authorization"));
    }

    private async Task<CredentialOutcome> Authenticate(GatewaySnapshot snapshot, HttpContext context)
    {
        _runtime.Activated(snapshot);
        return await _handler.AuthenticateAsync(context, snapshot, Route(snapshot));
    }

    private static RouteInfo Route(GatewaySnapshot snapshot) => snapshot.Routes[SnapshotBuilder.RouteIdFor(ApiId)];

    private SignedApiKey Key(Action<SignedApiKey>? customize = null)
    {
        var key = new SignedApiKey
        {
            Id = 1,
            ApiClientId = 1,
            ApiKey = ApiKey,
            ProtectedSecret = _protector.Protect(SecretKey),
            SecretMask = CredentialSecrets.Mask(SecretKey),
            ExpiresAt = Now.AddDays(30),
            QuotaSetAt = Now,
            CreatedAt = Now,
            Apis = [new SignedApiKeyApi { ApiDefinitionId = ApiId }],
        };
        customize?.Invoke(key);
        return key;
    }

    private static GatewaySnapshot Snapshot(SignedApiKey key, Action<ApiClient>? customizeClient = null)
    {
        var client = ClientRowsFactory.Client(1, "client-1", 10);
        customizeClient?.Invoke(client);
        var rows = new CatalogRows(
            1,
            [CatalogRowsFactory.Backend()],
            [CatalogRowsFactory.Api(ApiId, "/dgrk"), CatalogRowsFactory.Api(OtherApiId, "/other")],
            [client],
            [ClientRowsFactory.Group(10, ApiId, OtherApiId)],
            [],
            SignedKeys: [key]);
        return SnapshotBuilder.Build(rows, Now, new GatewayMetrics());
    }

    private static DefaultHttpContext Context(string header, string? body = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Method = body is null ? "GET" : "POST";
        context.Request.Headers.Authorization = header;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        return context;
    }
}
