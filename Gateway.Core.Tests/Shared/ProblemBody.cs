using System.Net.Http.Json;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>A gateway problem+json body.</summary>
internal sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Code, string RequestId)
{
    public static async Task<ProblemBody> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken) ?? throw new InvalidOperationException("Empty problem body.");
    }

    /// <summary>Asserts the body is a complete problem with <paramref name="status"/> and <paramref name="code"/>, and its request id matches the header.</summary>
    public static async Task<ProblemBody> AssertAsync(HttpResponseMessage response, int status, string code, CancellationToken cancellationToken)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await ReadAsync(response, cancellationToken);
        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Code);
        Assert.Equal("urn:apimanager:problem:" + code, problem.Type);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Equal(Assert.Single(response.Headers.GetValues("X-Request-Id")), problem.RequestId);
        return problem;
    }
}
