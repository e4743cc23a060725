using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>A gateway host with an echo backend and a body-echo backend, plus helpers to set up plugin-protected APIs.</summary>
public sealed class PluginGatewayFixture : IAsyncLifetime
{
    public const string Password = "Plugin-Secret-1";

    private readonly GatewayFixture _inner = new();

    internal GatewayHost Host => _inner.Host;

    internal TestBackend Backend => _inner.Backend;

    internal int BodyBackendId { get; private set; }

    private BodyEchoBackend? _bodyBackend;

    internal ApiAuthenticationService Settings => Host.Services.GetRequiredService<ApiAuthenticationService>();

    internal PluginCredentialService Credentials => Host.Services.GetRequiredService<PluginCredentialService>();

    internal string UniqueName(string stem) => _inner.UniqueName(stem);

    /// <summary>A non-public API accepting <paramref name="accepted"/>, a group with it and a client in the group.</summary>
    internal async Task<(string Path, ApiClient Client, ApiDefinition Api)> SetupAsync(
        string stem,
        CredentialTypes accepted,
        CancellationToken ct,
        Func<ApiAuthenticationSettings, ApiAuthenticationSettings>? customize = null,
        bool bodyBackend = false)
    {
        var name = UniqueName(stem);
        var api = await Host.CreateApiAsync(name, "/" + name, bodyBackend ? BodyBackendId : _inner.BackendId, ct, i => i with { IsPublic = false });
        var group = await ClientSeeder.CreateGroupAsync(Host, name, [api.Id], ct);
        var client = await ClientSeeder.CreateClientAsync(Host, name + "-client", Password, [group.Id], ct);
        await ConfigureAsync(api.Id, accepted, ct, customize);
        return ("/" + name, client, api);
    }

    internal async Task ConfigureAsync(int apiId, CredentialTypes accepted, CancellationToken ct, Func<ApiAuthenticationSettings, ApiAuthenticationSettings>? customize = null)
    {
        var current = await Settings.GetAsync(apiId, ct);
        var settings = current! with { AcceptedCredentials = accepted };
        await Settings.UpdateAsync(apiId, customize?.Invoke(settings) ?? settings, GatewayHost.TestActor, ct);
    }

    internal async Task<string> AddKeyAsync(int clientId, CancellationToken ct, string? key = null)
    {
        var created = await Credentials.CreateKeyAuthAsync(clientId, key, GatewayHost.TestActor, ct);
        return created.Key;
    }

    public async ValueTask InitializeAsync()
    {
        await _inner.InitializeAsync();
        _bodyBackend = await BodyEchoBackend.StartAsync(TestContext.Current.CancellationToken);
        BodyBackendId = (await Host.CreateBackendAsync("body", _bodyBackend.Port, TestContext.Current.CancellationToken)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        if (_bodyBackend is not null)
        {
            await _bodyBackend.DisposeAsync();
        }
    }
}
