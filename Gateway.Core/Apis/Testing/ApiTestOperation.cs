namespace ApiManager.Gateway.Apis.Testing;

/// <summary>An operation the API Test page offers: one of the API's stored operations, or a free one when it has none.</summary>
/// <param name="Method">Upper-case method.</param>
/// <param name="Path">Path template relative to the API's path (empty for the API's path itself).</param>
/// <param name="Summary">The operation's summary or id, when known.</param>
/// <param name="Parameters">The <c>{name}</c> parameters of the API path and this path, in order.</param>
/// <param name="IsFreePath">True when the API has no stored operations and any path under its prefix may be called.</param>
public sealed record ApiTestOperation(string Method, string Path, string? Summary, IReadOnlyList<string> Parameters, bool IsFreePath);
