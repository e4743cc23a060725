using System.Net;
using System.Text;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>Kong key-auth through a real gateway host to a real backend: lookup order, messages, stripping, anonymous.</summary>
public sealed class KeyAuthGatewayTests(PluginGatewayFixture fixture) : IClassFixture<PluginGatewayFixture>
{
    private const int RequestBodyFieldsMax = ApiManager.Gateway.Credentials.Plugins.Runtime.RequestBodyFields.MaxBytes;

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Call_KeyInHeader_ForwardsConsumerHeadersWithoutKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kh", CredentialTypes.KeyAuth, ct);
        var created = await fixture.Credentials.CreateKeyAuthAsync(client.Id, null, GatewayHost.TestActor, ct);
        var key = created.Key;
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("apikey", key);
        request.Headers.Add("X-Anonymous-Consumer", "true");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Equal(client.ClientName, echo.Header("X-Consumer-Username"));
        Assert.Equal(created.Credential.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Header("X-Credential-Identifier"));
        Assert.Null(echo.Header("apikey"));
        Assert.Null(echo.Header("X-Anonymous-Consumer"));
    }

    [Fact]
    public async Task Call_KeyInQuery_ForwardsWithoutKeyParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kq", CredentialTypes.KeyAuth, ct);
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync($"{path}?a=1&apikey={Uri.EscapeDataString(key)}&b=2", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal("?a=1&b=2", echo.Query);
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
    }

    [Fact]
    public async Task Call_CustomKeyNamesAndQueryOff_HeaderOnlyByConfiguredName()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kn", CredentialTypes.KeyAuth, ct,
            s => s with { KeyAuth = s.KeyAuth with { KeyNames = ["x-key", "token-b"], KeyInQuery = false } });
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);
        using var second = new HttpRequestMessage(HttpMethod.Get, path);
        second.Headers.Add("token-b", key);

        // Act
        using var bySecondName = await Host.Gateway.SendAsync(second, ct);
        using var inQuery = await Host.Gateway.GetAsync($"{path}?x-key={Uri.EscapeDataString(key)}", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, bySecondName.StatusCode);
        var problem = await ProblemBody.AssertAsync(inQuery, 401, "key_auth_no_key", ct);
        Assert.Equal("No API key found in request", problem.Detail);
    }

    [Fact]
    public async Task Call_NoKey_401WithKeyChallenge()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("knone", CredentialTypes.KeyAuth, ct);
        await Host.WaitForConfigAsync(ct);
        var before = fixture.Backend.RequestCount;

        // Act
        using var response = await Host.Gateway.GetAsync(path, ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "key_auth_no_key", ct);
        Assert.Equal("No API key found in request", problem.Detail);
        Assert.Equal("Key", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Equal(before, fixture.Backend.RequestCount);
    }

    [Fact]
    public async Task Call_OnlyKeyAuthAccepted_BasicCredentialsRefused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("konly", CredentialTypes.KeyAuth, ct);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.SendAsync(ClientEnforcementTests.Request(path, client.ClientId, PluginGatewayFixture.Password), ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "key_auth_no_key", ct);
        Assert.Equal("No API key found in request", problem.Detail);
    }

    [Fact]
    public async Task Call_UnknownKey_401UnauthorizedWithRealm()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("kunknown", CredentialTypes.KeyAuth, ct, s => s with { KeyAuth = s.KeyAuth with { Realm = "shop" } });
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("apikey", "not-a-key-of-anyone-at-all");

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "key_auth_invalid_key", ct);
        Assert.Equal("Unauthorized", problem.Detail);
        Assert.Equal("Key realm=\"shop\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Theory]
    [InlineData("header")]
    [InlineData("query")]
    public async Task Call_DuplicateKey_401Duplicate(string where)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kdup", CredentialTypes.KeyAuth, ct);
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);

        // Act: two header lines need a raw request (HttpClient would fold them into one).
        var (status, text) = where == "query"
            ? await RawGetAsync($"{path}?apikey={key}&apikey={key}", "", ct)
            : await RawGetAsync(path, $"apikey: {key}\r\napikey: {key}\r\n", ct);

        // Assert
        Assert.Equal(401, status);
        Assert.Contains("\"code\":\"key_auth_duplicate_key\"", text, StringComparison.Ordinal);
        Assert.Contains("Duplicate API key found", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Call_ForwardingOn_HideCredentialsDecidesWhetherKeyReachesBackend(bool hide, bool expectKey)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("khide", CredentialTypes.KeyAuth, ct,
            s => s with { ForwardCredentials = true, KeyAuth = s.KeyAuth with { HideCredentials = hide } });
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("apikey", key);

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal(expectKey ? key : null, echo.Header("apikey"));
    }

    [Theory]
    [InlineData("form", false)]
    [InlineData("json", false)]
    [InlineData("form", true)]
    [InlineData("json", true)]
    public async Task Call_KeyInBody_AuthenticatesAndStripsWhenHidden(string kind, bool hide)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kbody", CredentialTypes.KeyAuth, ct,
            s => s with { ForwardCredentials = true, KeyAuth = s.KeyAuth with { KeyInBody = true, HideCredentials = hide } }, bodyBackend: true);
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);
        HttpContent content = kind == "form"
            ? new FormUrlEncodedContent([new("a", "1"), new("apikey", key), new("b", "x y")])
            : new StringContent($$"""{"a":1,"apikey":"{{key}}","b":"x"}""", Encoding.UTF8, "application/json");

        // Act
        using var response = await Host.Gateway.PostAsync(path, content, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Equal(!hide, body.Contains(key, StringComparison.Ordinal));
        Assert.Contains(kind == "form" ? "a=1" : "\"a\":1", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_KeyInMultipartBody_AuthenticatesAndStripsOnlyTheKeyPartWhenHidden(bool hide)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kmulti", CredentialTypes.KeyAuth, ct,
            s => s with { ForwardCredentials = true, KeyAuth = s.KeyAuth with { KeyInBody = true, HideCredentials = hide } }, bodyBackend: true);
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);
        using var content = new MultipartFormDataContent("bench-boundary-42")
        {
            { new StringContent("1"), "a" },
            { new StringContent(key), "apikey" },
            { new ByteArrayContent("file bytes"u8.ToArray()), "upload", "notes.txt" },
        };

        // Act
        using var response = await Host.Gateway.PostAsync(path, content, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Equal(!hide, body.Contains(key, StringComparison.Ordinal));
        Assert.Contains("name=a", body, StringComparison.Ordinal);
        Assert.Contains("file bytes", body, StringComparison.Ordinal);
        Assert.Contains("filename=notes.txt", body, StringComparison.Ordinal);
        Assert.EndsWith("--bench-boundary-42--\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_KeyOnlyInMultipartFilePartOrMalformedMultipart_401NoKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kmultibad", CredentialTypes.KeyAuth, ct, s => s with { KeyAuth = s.KeyAuth with { KeyInBody = true } }, bodyBackend: true);
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);
        using var fileOnly = new MultipartFormDataContent { { new StringContent(key), "apikey", "apikey.txt" } };
        using var malformed = new StringContent("--x\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\n" + key, Encoding.UTF8);
        malformed.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        // Act
        using var fileResponse = await Host.Gateway.PostAsync(path, fileOnly, ct);
        using var malformedResponse = await Host.Gateway.PostAsync(path, malformed, ct);

        // Assert
        await ProblemBody.AssertAsync(fileResponse, 401, "key_auth_no_key", ct);
        await ProblemBody.AssertAsync(malformedResponse, 401, "key_auth_no_key", ct);
    }

    [Fact]
    public async Task Call_KeyInBodyUnknown_401AndMalformedJson401()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("kbodybad", CredentialTypes.KeyAuth, ct, s => s with { KeyAuth = s.KeyAuth with { KeyInBody = true } }, bodyBackend: true);
        await Host.WaitForConfigAsync(ct);

        // Act
        using var unknown = await Host.Gateway.PostAsync(path, new StringContent("""{"apikey":"nobody-has-this-key-1234"}""", Encoding.UTF8, "application/json"), ct);
        using var malformed = await Host.Gateway.PostAsync(path, new StringContent("""{"apikey": [1, """, Encoding.UTF8, "application/json"), ct);

        // Assert
        await ProblemBody.AssertAsync(unknown, 401, "key_auth_invalid_key", ct);
        await ProblemBody.AssertAsync(malformed, 401, "key_auth_no_key", ct);
    }

    [Fact]
    public async Task Call_KeyInBodyOversizedChunkedOrOddForm_NoServerError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kbodyodd", CredentialTypes.KeyAuth, ct, s => s with { KeyAuth = s.KeyAuth with { KeyInBody = true } }, bodyBackend: true);
        var key = await fixture.AddKeyAsync(client.Id, ct);
        await Host.WaitForConfigAsync(ct);
        var big = "{\"apikey\":\"" + key + "\",\"pad\":\"" + new string('x', RequestBodyFieldsMax) + "\"}";
        using var chunked = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"apikey":"{{key}}"}"""))),
        };
        chunked.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;

        // Act
        using var oversized = await Host.Gateway.PostAsync(path, new StringContent(big, Encoding.UTF8, "application/json"), ct);
        using var chunkedResponse = await Host.Gateway.SendAsync(chunked, ct);
        using var oddForm = await Host.Gateway.PostAsync(path, new StringContent("%zz=1&apikey=%E0%A4%A&&=", Encoding.UTF8, "application/x-www-form-urlencoded"), ct);

        // Assert
        await ProblemBody.AssertAsync(oversized, 401, "key_auth_no_key", ct);
        Assert.Equal(HttpStatusCode.OK, chunkedResponse.StatusCode);
        await ProblemBody.AssertAsync(oddForm, 401, "key_auth_invalid_key", ct);
    }

    [Fact]
    public async Task Call_OversizedOrOddKey_401NeverServerError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("kbig", CredentialTypes.KeyAuth, ct);
        await Host.WaitForConfigAsync(ct);
        using var big = new HttpRequestMessage(HttpMethod.Get, path);
        big.Headers.TryAddWithoutValidation("apikey", new string('k', 6000));
        using var empty = new HttpRequestMessage(HttpMethod.Get, path + "?apikey=");

        // Act
        using var bigResponse = await Host.Gateway.SendAsync(big, ct);
        using var emptyResponse = await Host.Gateway.SendAsync(empty, ct);

        // Assert
        await ProblemBody.AssertAsync(bigResponse, 401, "key_auth_invalid_key", ct);
        await ProblemBody.AssertAsync(emptyResponse, 401, "key_auth_invalid_key", ct);
    }

    [Fact]
    public async Task Call_KeyDeleted_RefusedOnNextConfig()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, _) = await fixture.SetupAsync("kdel", CredentialTypes.KeyAuth, ct);
        var created = await fixture.Credentials.CreateKeyAuthAsync(client.Id, null, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        using var before = await Host.Gateway.GetAsync($"{path}?apikey={created.Key}", ct);

        // Act
        await fixture.Credentials.DeleteKeyAuthAsync(client.Id, created.Credential.Id, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        using var after = await Host.Gateway.GetAsync($"{path}?apikey={created.Key}", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await ProblemBody.AssertAsync(after, 401, "key_auth_invalid_key", ct);
    }

    [Fact]
    public async Task Call_NoKeyWithAnonymous_ProceedsAsAnonymousClient()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client, api) = await fixture.SetupAsync("kanon", CredentialTypes.KeyAuth, ct);
        await fixture.ConfigureAsync(api.Id, CredentialTypes.KeyAuth, ct, s => s with { KeyAuth = s.KeyAuth with { Anonymous = client.ClientId } });
        await Host.WaitForConfigAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Credential-Identifier", "spoofed");

        // Act
        using var anonymous = await Host.Gateway.SendAsync(request, ct);
        using var wrongKey = await Host.Gateway.GetAsync(path + "?apikey=wrong-key-but-present-1", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var echo = await EchoResponse.ReadAsync(anonymous, ct);
        Assert.Equal("true", echo.Header("X-Anonymous-Consumer"));
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Null(echo.Header("X-Credential-Identifier"));
        await ProblemBody.AssertAsync(wrongKey, 401, "key_auth_invalid_key", ct);
    }

    [Fact]
    public async Task Call_AnonymousClientWithoutAccess_ClientChecksApply()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, api) = await fixture.SetupAsync("kanon403", CredentialTypes.KeyAuth, ct);
        var loner = await ClientSeeder.CreateClientAsync(Host, fixture.UniqueName("loner"), PluginGatewayFixture.Password, [], ct);
        await fixture.ConfigureAsync(api.Id, CredentialTypes.KeyAuth, ct, s => s with { KeyAuth = s.KeyAuth with { Anonymous = loner.ClientId } });
        await Host.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.GetAsync(path, ct);

        // Assert
        await ProblemBody.AssertAsync(response, 403, "api_not_authorized", ct);
    }

    [Fact]
    public async Task Call_PreflightWithRunOnPreflightOff_PassesWithoutKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("kpre", CredentialTypes.KeyAuth, ct, s => s with { KeyAuth = s.KeyAuth with { RunOnPreflight = false } });
        await Host.WaitForConfigAsync(ct);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://app.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var plainOptions = new HttpRequestMessage(HttpMethod.Options, path);

        // Act
        using var passed = await Host.Gateway.SendAsync(preflight, ct);
        using var refused = await Host.Gateway.SendAsync(plainOptions, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        await ProblemBody.AssertAsync(refused, 401, "key_auth_no_key", ct);
    }

    private async Task<(int Status, string Text)> RawGetAsync(string pathAndQuery, string extraHeaders, CancellationToken ct)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Host.Gateway.BaseAddress!.Host, Host.Gateway.BaseAddress.Port, ct);
        await using var stream = tcp.GetStream();
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: localhost\r\n{extraHeaders}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text);
    }
}
