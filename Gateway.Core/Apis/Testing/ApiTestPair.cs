namespace ApiManager.Gateway.Apis.Testing;

/// <summary>A name and a value: one query parameter or header of a test request, or one response header.</summary>
public sealed record ApiTestPair(string? Name, string? Value);
