using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>
/// One gateway host (clock: a <see cref="FakeTimeProvider"/> starting now; a fake API-user store) and one backend shared
/// by an OAuth test class. Each test creates its own API, group and client.
/// </summary>
public sealed class OAuthFixture : IAsyncLifetime
{
    public const string Password = "Client-Secret-1";

    private int _names;

    internal GatewayHost Host { get; private set; } = null!;

    internal TestBackend Backend { get; private set; } = null!;

    internal FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    internal int BackendId { get; private set; }

    internal string UniqueName(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Backend = await TestBackend.StartAsync("oauth", ct);
        Host = await GatewayHost.StartAsync(ct, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IResourceOwnerVerifier, FakeResourceOwnerVerifier>();
        });
        BackendId = (await Host.CreateBackendAsync("oauth", Backend.Port, ct)).Id;
        await WaitForConfigAsync(ct);
    }

    /// <summary>A private API, a group holding it and a client in that group with <paramref name="grants"/>.</summary>
    internal async Task<(string Path, ApiClient Client)> SetupAsync(string stem, CancellationToken ct, OAuthGrants grants = OAuthGrants.Default, Action<ApiClient>? customize = null)
    {
        var name = UniqueName(stem);
        var api = await Host.CreateApiAsync(name, "/" + name, BackendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(Host, name, [api.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(Host, name + "-client", Password, [group.Id], ct, c =>
        {
            c.AllowedGrants = grants;
            customize?.Invoke(c);
        });
        await WaitForConfigAsync(ct);
        return ("/" + name, client);
    }

    /// <summary>Waits for the current config version; the fake clock is advanced a little so the rebuild debounce elapses.</summary>
    internal async Task WaitForConfigAsync(CancellationToken ct)
    {
        var target = await Host.Services.GetRequiredService<ICatalogReader>().ReadVersionAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (Host.Provider.AppliedVersion < target)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
