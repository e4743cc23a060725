using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;

namespace ApiManager.Gateway.Runtime;

/// <summary>The catalog rows one snapshot is built from, read in one consistent transaction.</summary>
/// <param name="Version">The config version the rows belong to.</param>
/// <param name="Backends">Every backend.</param>
/// <param name="Apis">Every API.</param>
/// <param name="Clients">Every API client with its IP bindings, direct groups, scopes and security level.</param>
/// <param name="Groups">Every API group with its APIs and security level.</param>
/// <param name="Scopes">Every API scope with its groups.</param>
/// <param name="XApiKeys">Every X-Api-Key with its groups.</param>
/// <param name="SignedKeys">Every signed API key (DGRK) with its APIs.</param>
/// <param name="PluginCredentials">Every key-auth key and JWT credential.</param>
/// <param name="Plugins">Every enabled plugin instance.</param>
/// <param name="Upstreams">Every upstream with its targets.</param>
/// <param name="Operations">Every API operation (OpenAPI imports).</param>
/// <param name="Diversions">Every API IP diversion rule, ordered by API and position.</param>
internal sealed record CatalogRows(
    long Version,
    IReadOnlyList<Backend> Backends,
    IReadOnlyList<ApiDefinition> Apis,
    IReadOnlyList<ApiClient>? Clients = null,
    IReadOnlyList<ApiGroup>? Groups = null,
    IReadOnlyList<ApiScope>? Scopes = null,
    IReadOnlyList<ClientXApiKey>? XApiKeys = null,
    IReadOnlyList<Credentials.SignedKeys.SignedApiKey>? SignedKeys = null,
    Credentials.Plugins.Runtime.PluginCredentialRows? PluginCredentials = null,
    IReadOnlyList<Plugins.PluginInstance>? Plugins = null,
    IReadOnlyList<Upstreams.Upstream>? Upstreams = null,
    IReadOnlyList<ApiOperation>? Operations = null,
    IReadOnlyList<Apis.Diversion.ApiIpDiversion>? Diversions = null);
