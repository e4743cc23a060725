using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>Kong jwt through a real gateway: token sources, HS/RS/ES signatures, Kong's messages, algorithm pinning.</summary>
public sealed class JwtGatewayTests(PluginGatewayFixture fixture) : IClassFixture<PluginGatewayFixture>
{
    private const string Secret = "a-shared-hmac-secret-of-32-chars!!";

    private GatewayHost Host => fixture.Host;

    private static long Now => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Call_Hs256BearerToken_ForwardsConsumerHeadersWithoutToken()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, iss) = await SetupHmacAsync("jhs", ct);
        var token = TestJwt.Hmac("HS256", Secret, new { iss, sub = "u1" });

        // Act
        using var response = await SendBearerAsync(path, token, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Equal(client.ClientName, echo.Header("X-Consumer-Username"));
        Assert.Equal(iss, echo.Header("X-Credential-Identifier"));
        Assert.Null(echo.Header("Authorization"));
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task Call_OtherHmacAlgorithms_Accepted(string alg)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, iss) = await SetupHmacAsync("jhx", ct, Enum.Parse<JwtAlgorithm>(alg));

        // Act
        using var response = await SendBearerAsync(path, TestJwt.Hmac(alg, Secret, new { iss }), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Call_Rs256AndEs256_VerifiedWithPublicKeys()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("jrs", CredentialTypes.Jwt, ct);
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rsIss = fixture.UniqueName("rs-issuer");
        var esIss = fixture.UniqueName("es-issuer");
        await fixture.Credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = rsIss, Algorithm = JwtAlgorithm.RS256, PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem() }, GatewayHost.TestActor, ct);
        await fixture.Credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = esIss, Algorithm = JwtAlgorithm.ES256, PublicKeyPem = ec.ExportSubjectPublicKeyInfoPem() }, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        using var otherRsa = RSA.Create(2048);

        // Act
        using var rs = await SendBearerAsync(path, TestJwt.Rsa(rsa, new { iss = rsIss }), ct);
        using var es = await SendBearerAsync(path, TestJwt.Ecdsa(ec, new { iss = esIss }), ct);
        using var forged = await SendBearerAsync(path, TestJwt.Rsa(otherRsa, new { iss = rsIss }), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, rs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, es.StatusCode);
        await AssertKongAsync(forged, "jwt_invalid_signature", "Invalid signature", ct);
    }

    [Fact]
    public async Task Call_Hs256SignedWithRsaPublicKey_AlgorithmConfusionRefused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("jconf", CredentialTypes.Jwt, ct);
        using var rsa = RSA.Create(2048);
        var iss = fixture.UniqueName("conf-issuer");
        var pem = rsa.ExportSubjectPublicKeyInfoPem();
        await fixture.Credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = iss, Algorithm = JwtAlgorithm.RS256, PublicKeyPem = pem }, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var confused = await SendBearerAsync(path, TestJwt.Hmac("HS256", pem, new { iss }), ct);
        using var none = await SendBearerAsync(path, TestJwt.None(new { iss }), ct);

        // Assert
        await AssertKongAsync(confused, "jwt_invalid_algorithm", "Invalid algorithm", ct);
        await AssertKongAsync(none, "jwt_bad_token", "Bad token; invalid alg", ct);
    }

    [Fact]
    public async Task Call_TokenInUriParamOrCookie_AcceptedAndStripped()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, iss) = await SetupHmacAsync("jsrc", ct, customize: s => s with { Jwt = s.Jwt with { CookieNames = ["session"] } });
        var token = TestJwt.Hmac("HS256", Secret, new { iss });
        using var cookie = new HttpRequestMessage(HttpMethod.Get, path);
        cookie.Headers.Add("Cookie", $"theme=dark; session={token}");

        // Act
        using var byParam = await Host.Gateway.GetAsync($"{path}?x=1&jwt={token}", ct);
        using var byCookie = await Host.Gateway.SendAsync(cookie, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, byParam.StatusCode);
        Assert.Equal("?x=1", (await EchoResponse.ReadAsync(byParam, ct)).Query);
        Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
        Assert.Equal("theme=dark", (await EchoResponse.ReadAsync(byCookie, ct)).Header("Cookie"));
    }

    [Fact]
    public async Task Call_TwoDifferentTokens_MultipleTokensProvided()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, iss) = await SetupHmacAsync("jmulti", ct);
        var first = TestJwt.Hmac("HS256", Secret, new { iss, n = 1 });
        var second = TestJwt.Hmac("HS256", Secret, new { iss, n = 2 });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?jwt={first}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", second);
        using var same = new HttpRequestMessage(HttpMethod.Get, $"{path}?jwt={first}");
        same.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first);

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);
        using var sameResponse = await Host.Gateway.SendAsync(same, ct);

        // Assert
        await AssertKongAsync(response, "jwt_multiple_tokens", "Multiple tokens provided", ct);
        Assert.Equal(HttpStatusCode.OK, sameResponse.StatusCode);
    }

    [Fact]
    public async Task Call_NoToken_401UnauthorizedWithBearerChallenge()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await SetupHmacAsync("jnone", ct);

        // Act
        using var response = await Host.Gateway.GetAsync(path, ct);

        // Assert
        await AssertKongAsync(response, "jwt_missing", "Unauthorized", ct);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Theory]
    [InlineData("abc.def", "jwt_bad_token", "Bad token; invalid JWT")]
    [InlineData("a.b.c.d", "jwt_bad_token", "Bad token; invalid JWT")]
    [InlineData("!!!.@@@.###", "jwt_bad_token", "Bad token; invalid JSON")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln", "jwt_bad_token", "Bad token; invalid JSON")]
    [InlineData("eyJ0eXAiOiJKV1QifQ.e30.c2ln", "jwt_bad_token", "Bad token; invalid alg")]
    public async Task Call_MalformedToken_BadToken(string token, string code, string message)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await SetupHmacAsync("jbad", ct);

        // Act
        using var response = await SendBearerAsync(path, token, ct);

        // Assert
        await AssertKongAsync(response, code, message, ct);
    }

    [Fact]
    public async Task Call_OversizedToken_Unrecognizable()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await SetupHmacAsync("jbig", ct);

        // Act
        using var response = await SendBearerAsync(path, new string('a', 9000) + ".b.c", ct);

        // Assert
        await AssertKongAsync(response, "jwt_unrecognizable", "Unrecognizable token", ct);
    }

    [Fact]
    public async Task Call_KeyClaimMissingUnknownOrWrongType_KongMessages()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await SetupHmacAsync("jiss", ct);

        // Act
        using var missing = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { sub = "x" }), ct);
        using var unknown = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss = "nobody-issues-this" }), ct);
        using var number = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss = 5 }), ct);

        // Assert
        await AssertKongAsync(missing, "jwt_no_key_claim", "No mandatory 'iss' in claims", ct);
        await AssertKongAsync(unknown, "jwt_no_credentials", "No credentials found for given 'iss'", ct);
        await AssertKongAsync(number, "jwt_invalid_key_claim", "Invalid 'iss' in claims", ct);
    }

    [Fact]
    public async Task Call_WrongAlgorithmOrSecret_Refused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, iss) = await SetupHmacAsync("jalg", ct);

        // Act
        using var otherAlg = await SendBearerAsync(path, TestJwt.Hmac("HS512", Secret, new { iss }), ct);
        using var otherSecret = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret + "x", new { iss }), ct);

        // Assert
        await AssertKongAsync(otherAlg, "jwt_invalid_algorithm", "Invalid algorithm", ct);
        await AssertKongAsync(otherSecret, "jwt_invalid_signature", "Invalid signature", ct);
    }

    [Fact]
    public async Task Call_ClaimsToVerifyAndMaximumExpiration_Enforced()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, iss) = await SetupHmacAsync("jclaims", ct, customize: s => s with { Jwt = s.Jwt with { ClaimsToVerify = ["exp", "nbf"], MaximumExpiration = 3600 } });

        // Act
        using var valid = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss, exp = Now + 600, nbf = Now - 10 }), ct);
        using var expired = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss, exp = Now - 10 }), ct);
        using var early = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss, exp = Now + 600, nbf = Now + 600 }), ct);
        using var tooLong = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss, exp = Now + 7200, nbf = Now }), ct);
        using var noExp = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss, nbf = Now }), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        await AssertKongAsync(expired, "jwt_claim_invalid", "exp: token expired", ct);
        await AssertKongAsync(early, "jwt_claim_invalid", "nbf: token not valid yet", ct);
        await AssertKongAsync(tooLong, "jwt_claim_invalid", "exp: exceeds maximum allowed expiration", ct);
        await AssertKongAsync(noExp, "jwt_claim_invalid", "exp: must be a number", ct);
    }

    [Fact]
    public async Task Call_ApiAlsoAcceptsOAuth_BearerOfUnknownIssuerNotClaimedByJwt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, iss) = await SetupHmacAsync("joauth", ct, accepted: CredentialTypes.Jwt | CredentialTypes.OAuthToken);

        // Act
        using var ours = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss }), ct);
        using var foreign = await SendBearerAsync(path, TestJwt.Hmac("HS256", Secret, new { iss = "https://oauth.example" }), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        var problem = await ProblemBody.ReadAsync(foreign, ct);
        Assert.NotEqual("jwt_no_credentials", problem.Code);
        Assert.Equal(401, problem.Status);
    }

    [Fact]
    public async Task Call_Base64Secret_DecodedWhenConfigured()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var raw = RandomNumberGenerator.GetBytes(32);
        var encoded = Convert.ToBase64String(raw);
        var (path, client, _) = await fixture.SetupAsync("jb64", CredentialTypes.Jwt, ct, s => s with { Jwt = s.Jwt with { SecretIsBase64 = true } });
        var iss = fixture.UniqueName("b64-issuer");
        await fixture.Credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = iss, Secret = encoded }, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await SendBearerAsync(path, TestJwt.Hmac("HS256", raw, new { iss }), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Call_NoTokenWithJwtAnonymous_ProceedsAsAnonymous()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, api) = await fixture.SetupAsync("janon", CredentialTypes.Jwt, ct);
        await fixture.ConfigureAsync(api.Id, CredentialTypes.Jwt, ct, s => s with { Jwt = s.Jwt with { Anonymous = client.ClientId } });
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync(path, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", (await EchoResponse.ReadAsync(response, ct)).Header("X-Anonymous-Consumer"));
    }

    private async Task<(string Path, ApiManager.Gateway.Clients.ApiClient Client, string Iss)> SetupHmacAsync(
        string stem,
        CancellationToken ct,
        JwtAlgorithm algorithm = JwtAlgorithm.HS256,
        Func<ApiAuthenticationSettings, ApiAuthenticationSettings>? customize = null,
        CredentialTypes accepted = CredentialTypes.Jwt)
    {
        var (path, client, _) = await fixture.SetupAsync(stem, accepted, ct, customize);
        var iss = fixture.UniqueName(stem + "-issuer");
        await fixture.Credentials.CreateJwtAsync(client.Id, new JwtCredentialInput { Key = iss, Algorithm = algorithm, Secret = Secret }, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        return (path, client, iss);
    }

    private Task<HttpResponseMessage> SendBearerAsync(string path, string token, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return Host.Gateway.SendAsync(request, ct);
    }

    private static async Task AssertKongAsync(HttpResponseMessage response, string code, string message, CancellationToken ct)
    {
        var problem = await ProblemBody.AssertAsync(response, 401, code, ct);
        Assert.Equal(message, problem.Detail);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }
}
