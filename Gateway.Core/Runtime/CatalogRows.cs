using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;

namespace ApiManager.Gateway.Runtime;

/// <summary>The catalog rows one snapshot is built from, read in one consistent transaction.</summary>
/// <param name="Version">The config version the rows belong to.</param>
/// <param name="Backends">Every backend.</param>
/// <param name="Apis">Every API.</param>
internal sealed record CatalogRows(long Version, IReadOnlyList<Backend> Backends, IReadOnlyList<ApiDefinition> Apis);
