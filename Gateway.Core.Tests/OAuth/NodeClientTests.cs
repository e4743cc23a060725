using System.Diagnostics;
using ApiManager.Gateway.Credentials.OAuth;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>
/// The npm packages <c>openid-client</c> and <c>jose</c> drive a real host (NodeClient/client.mjs): discovery,
/// client_credentials, password + refresh rotation, introspection, revocation, JWKS verification, a gateway call.
/// Needs Node 20+ (test.sh installs it and runs <c>npm ci</c>; without node_modules this test runs <c>npm ci</c> itself).
/// </summary>
public sealed class NodeClientTests(OAuthFixture fixture) : IClassFixture<OAuthFixture>
{
    [Fact]
    public async Task OpenIdClient_FullLifecycle_Passes()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("node", ct, OAuthGrants.ClientCredentials | OAuthGrants.Password | OAuthGrants.RefreshToken);
        var folder = ScriptFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            var (installCode, installOutput) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, new Dictionary<string, string>(), ct);
            Assert.True(installCode == 0, "npm ci failed: " + installOutput);
        }

        var gateway = fixture.Host.Gateway.BaseAddress!;
        var env = new Dictionary<string, string>
        {
            ["OAUTH_ISSUER"] = gateway.AbsoluteUri,
            ["CLIENT_ID"] = client.ClientId,
            ["CLIENT_SECRET"] = OAuthFixture.Password,
            ["USER_NAME"] = FakeResourceOwnerVerifier.UserName,
            ["USER_PASSWORD"] = FakeResourceOwnerVerifier.Password,
            ["API_URL"] = new Uri(gateway, path).AbsoluteUri,
            ["AUDIENCE"] = "apimanager-gateway",
        };

        // Act
        var (code, output) = await RunAsync("node", ["client.mjs"], folder, env, ct);

        // Assert
        Assert.True(code == 0, output);
        foreach (var step in new[] { "discovery", "client_credentials", "jwks verification", "gateway call", "password", "refresh", "refresh rotation", "introspection", "revocation" })
        {
            Assert.Contains("ok: " + step + "\n", output, StringComparison.Ordinal);
        }

        Assert.Contains("ALL OK", output, StringComparison.Ordinal);
    }

    private static string ScriptFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Gateway.Core.Tests", "OAuth", "NodeClient");
            if (File.Exists(Path.Combine(candidate, "client.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Gateway.Core.Tests/OAuth/NodeClient not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string folder, IDictionary<string, string> env, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
