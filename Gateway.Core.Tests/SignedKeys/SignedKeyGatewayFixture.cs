using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.SignedKeys;

/// <summary>One gateway host (with the mail outbox, which key issuing uses) and one backend shared by the DGRK gateway tests.</summary>
public sealed class SignedKeyGatewayFixture : IAsyncLifetime
{
    public const string Password = "Gw-Secret-1";

    private int _names;

    internal GatewayHost Host { get; private set; } = null!;

    internal TestBackend Backend { get; private set; } = null!;

    internal int BackendId { get; private set; }

    internal SignedKeyService Keys => Host.Services.GetRequiredService<SignedKeyService>();

    internal string UniqueName(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Backend = await TestBackend.StartAsync("dgrk", ct);
        Host = await StartHostAsync(ct);
        BackendId = (await Host.CreateBackendAsync("dgrk", Backend.Port, ct)).Id;
    }

    /// <summary>A gateway host able to issue keys; with <paramref name="settings"/> e.g. on another host's database.</summary>
    internal static Task<GatewayHost> StartHostAsync(CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null) =>
        GatewayHost.StartAsync(ct, services => services.AddMailOutbox(new ConfigurationBuilder().Build()), settings);

    /// <summary>A non-public API on the backend, a group with it (and <paramref name="extraApis"/>), a client in the group.</summary>
    internal async Task<(string Path, int ApiId, ApiClient Client)> SetupAsync(string stem, CancellationToken ct, params int[] extraApis)
    {
        var name = UniqueName(stem);
        var api = await Host.CreateApiAsync(name, "/" + name, BackendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(Host, name, [api.Id, .. extraApis], ct);
        var client = await ClientSeeder.CreateClientAsync(Host, name + "-client", Password, [group.Id], ct);
        await Host.WaitForConfigAsync(ct);
        return ("/" + name, api.Id, client);
    }

    /// <summary>Issues a key for <paramref name="apiIds"/> and waits until the gateway serves it.</summary>
    internal async Task<CreatedSignedKey> IssueAsync(int clientId, int[] apiIds, CancellationToken ct, long quota = SignedApiKey.Unlimited)
    {
        var input = new SignedKeyInput { Alias = "test", ExpiresAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(1), TimesQuota = quota, ApiIds = apiIds };
        var created = await Keys.CreateAsync(clientId, input, GatewayHost.TestActor, ct);
        await Host.WaitForConfigAsync(ct);
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
