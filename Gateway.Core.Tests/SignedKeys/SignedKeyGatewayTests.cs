using System.Diagnostics;
using System.Net;
using System.Text;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Credentials.SignedKeys.Runtime;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Pipeline;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Tests.SignedKeys;

/// <summary>DGRK calls through a real gateway host to a real backend, signatures computed by the test.</summary>
public sealed class SignedKeyGatewayTests(SignedKeyGatewayFixture fixture) : IClassFixture<SignedKeyGatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Call_PrettyJsonSignedMinified_ForwardedWithBodyAndConsumerHeaders()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("ok", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct);
        var body = "{\n  \"orderId\": 42,\n  \"items\": [\"pen\", \"ink\"]\n}";
        using var request = Post(path, body, DgrkSigner.Header("{\"orderId\":42,\"items\":[\"pen\",\"ink\"]}", key.ApiKey, key.SecretKey));

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoResponse.ReadAsync(response, ct);
        Assert.Equal("POST", echo.Method);
        Assert.Equal(Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Header("Content-Length"));
        Assert.Equal(client.ClientId, echo.Header("X-Consumer-ID"));
        Assert.Equal(key.ApiKey, echo.Header("X-Credential-Identifier"));
        Assert.Null(echo.Header("Authorization"));
    }

    [Fact]
    public async Task Call_GetWithoutBody_SignsEmptyString()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("get", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", DgrkSigner.Header("", key.ApiKey, key.SecretKey));

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Call_WrongSignature_401ProblemWithDigiRunnerMessageAndChallenge()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("badsig", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct);
        var before = fixture.Backend.RequestCount;
        using var request = Post(path, "{\"amount\":1000}", DgrkSigner.Header("{\"amount\":10}", key.ApiKey, key.SecretKey));

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        var problem = await ProblemBody.AssertAsync(response, 401, "signed_key_signature", ct);
        Assert.Equal("API Key Signature Incorrect", problem.Detail);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.ToString() == "DGRK realm=\"ApiManager\"");
        Assert.Equal(before, fixture.Backend.RequestCount);
    }

    [Fact]
    public async Task Call_RevokedInConsole_RefusedAfterSnapshotSwap()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("revoke", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct);
        var header = DgrkSigner.Header("", key.ApiKey, key.SecretKey);
        using var first = await Host.Gateway.SendAsync(Get(path, header), ct);

        // Act
        await fixture.Keys.RevokeAsync(client.Id, key.Key.Id, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        using var second = await Host.Gateway.SendAsync(Get(path, header), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemBody.AssertAsync(second, 401, "signed_key_revoked", ct);
    }

    [Fact]
    public async Task Call_ApiNotInKeyList_403()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (otherPath, otherApiId, _) = await fixture.SetupAsync("other", ct);
        var (_, apiId, client) = await fixture.SetupAsync("listed", ct, otherApiId);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Get(otherPath, DgrkSigner.Header("", key.ApiKey, key.SecretKey)), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 403, "signed_key_api_denied", ct);
    }

    [Fact]
    public async Task Call_QuotaWithConcurrentCallers_ExactlyQuotaPassAndCountStored()
    {
        // Arrange
        const int quota = 6;
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("quota", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct, quota);
        var header = DgrkSigner.Header("", key.ApiKey, key.SecretKey);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();

        // Act: 32 callers, 5 × quota requests.
        await Parallel.ForAsync(0, 5 * quota, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (_, token) =>
        {
            using var response = await Host.Gateway.SendAsync(Get(path, header), token);
            statuses.Add((int)response.StatusCode);
        });

        // Assert
        Assert.Equal(quota, statuses.Count(s => s is >= 200 and < 300));
        Assert.Equal(4 * quota, statuses.Count(s => s == 401));
        await ClientEnforcementTests.WaitForAsync(async () => await RemainingAsync(Host, key.Key.Id, ct) == 0, ct);
    }

    [Fact]
    public async Task Call_AfterRestartOnSameDatabase_KeepsRemainingUses()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("restart", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct, quota: 3);
        var header = DgrkSigner.Header("", key.ApiKey, key.SecretKey);
        using (var used = await Host.Gateway.SendAsync(Get(path, header), ct))
        {
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }

        using (var used = await Host.Gateway.SendAsync(Get(path, header), ct))
        {
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }

        await ClientEnforcementTests.WaitForAsync(async () => await RemainingAsync(Host, key.Key.Id, ct) == 1, ct);
        var connection = Host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;

        // Act: a second gateway process on the same database (a restarted node).
        await using var restarted = await SignedKeyGatewayFixture.StartHostAsync(ct, new Dictionary<string, string?> { ["Database:ConnectionString"] = connection });
        using var third = await restarted.Gateway.SendAsync(Get(path, header), ct);
        using var fourth = await restarted.Gateway.SendAsync(Get(path, header), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        await ProblemBody.AssertAsync(fourth, 401, "signed_key_used_up", ct);
    }

    [Theory]
    [InlineData("DGRK abc")]
    [InlineData("DGRK abc.def")]
    [InlineData("dgrk .")]
    [InlineData("DGRK  \t ")]
    public async Task Call_MalformedOrUnknown_401NotServerError(string header)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("malformed", ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Get(path, header), ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemBody.ReadAsync(response, ct);
        Assert.StartsWith("signed_key_", problem.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_HugeHeader_401Malformed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, _, _) = await fixture.SetupAsync("huge", ct);

        // Act
        using var response = await Host.Gateway.SendAsync(Get(path, "DGRK " + new string('k', 16_000) + ".c2ln"), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 401, "signed_key_malformed", ct);
    }

    [Fact]
    public async Task Call_BodyOverOneMebibyte_413()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("big", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct);
        var body = "\"" + new string('x', 1024 * 1024 + 16) + "\"";
        using var request = Post(path, body, DgrkSigner.Header(body, key.ApiKey, key.SecretKey));

        // Act
        using var response = await Host.Gateway.SendAsync(request, ct);

        // Assert
        await ProblemBody.AssertAsync(response, 413, "signed_key_body_too_large", ct);
    }

    [Fact]
    public void Services_RuntimeObservesSnapshotsAndHandlerRegisteredOnce()
    {
        // Act
        var runtime = Host.Services.GetRequiredService<SignedKeyRuntime>();
        var observers = Host.Services.GetServices<ISnapshotObserver>().ToList();
        var handlers = Host.Services.GetServices<ICredentialHandler>().OfType<SignedKeyHandler>().ToList();

        // Assert
        Assert.Contains(observers, o => ReferenceEquals(o, runtime));
        Assert.Equal(100, Assert.Single(handlers).Precedence);
    }

    [Fact]
    public async Task ReadmeShellExample_RunsAgainstRealGateway_200()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, apiId, client) = await fixture.SetupAsync("readme", ct);
        var key = await fixture.IssueAsync(client.Id, [apiId], ct);
        var script = ReadmeExample();
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GATEWAY"] = Host.Gateway.BaseAddress!.ToString().TrimEnd('/');
        start.Environment["API_PATH"] = path;
        start.Environment["API_KEY"] = key.ApiKey;
        start.Environment["SECRET_KEY"] = key.SecretKey;

        // Act
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script.AsMemory(), ct);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);

        // Assert
        Assert.True(process.ExitCode == 0, "bash failed: " + errors);
        Assert.Equal("200", output.Trim());
        Assert.Contains("jq -c", script, StringComparison.Ordinal);
        Assert.Contains("openssl dgst -sha256 -hmac", script, StringComparison.Ordinal);
    }

    /// <summary>The bash block between the README's dgrk-example markers, exactly as documented.</summary>
    private static string ReadmeExample()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ApiManager.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
        var start = readme.IndexOf("<!-- dgrk-example:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- dgrk-example:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no DGRK example.");
        var block = readme[start..end];
        var open = block.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length;
        var close = block.LastIndexOf("```", StringComparison.Ordinal);
        return block[open..close];
    }

    private static async Task<long> RemainingAsync(GatewayHost host, long id, CancellationToken ct)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct);
        return await db.SignedApiKeys.Where(k => k.Id == id).Select(k => k.RemainingUses).SingleAsync(ct);
    }

    private static HttpRequestMessage Get(string path, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static HttpRequestMessage Post(string path, string body, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }
}
