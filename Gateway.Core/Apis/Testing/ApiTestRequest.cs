namespace ApiManager.Gateway.Apis.Testing;

/// <summary>
/// A test call of one API operation sent through the gateway by <see cref="ApiTestService"/>. <see cref="Path"/> is the
/// operation's path template relative to the API's path (<c>/pets/{petId}</c>; empty for the API's path itself); its
/// <c>{name}</c> parameters and the API path's own are filled from <see cref="PathParameters"/>.
/// </summary>
public sealed class ApiTestRequest
{
    public int? ApiId { get; init; }

    /// <summary>HTTP method, e.g. <c>GET</c>.</summary>
    public string? Method { get; init; }

    /// <summary>Path template relative to the API's path; must be one of the API's operations when it has any.</summary>
    public string? Path { get; init; }

    /// <summary>Values of the <c>{name}</c> parameters of the path (escaped when sent).</summary>
    public IReadOnlyDictionary<string, string?>? PathParameters { get; init; }

    /// <summary>Query parameters, in order (escaped when sent).</summary>
    public IReadOnlyList<ApiTestPair?>? Query { get; init; }

    /// <summary>Request headers; hop-by-hop headers, <c>Host</c>, <c>Content-Length</c>, <c>Content-Type</c> and <c>X-Request-Id</c> are refused.</summary>
    public IReadOnlyList<ApiTestPair?>? Headers { get; init; }

    /// <summary>Request body text (UTF-8), sent when not empty.</summary>
    public string? Body { get; init; }

    /// <summary>Media type of the body; <c>application/json</c> when a body is given without one.</summary>
    public string? ContentType { get; init; }
}
