using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ApiManager.Admin.Tests.Shared;

/// <summary>Helpers for admin API tests: JSON bodies in and out, and unique names.</summary>
internal static class ApiHttp
{
    public const string Prefix = "/admin/api/v1";

    private static readonly string[] DefaultTags = ["t1"];
    private static readonly string[] DefaultMethods = ["GET"];

    /// <summary>Asserts no response body names a hash or password, nor holds an Identity password hash (they start "AQAAAA").</summary>
    public static void AssertNoPasswordMaterial(params string[] bodies)
    {
        foreach (var text in bodies)
        {
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AQAAAA", text, StringComparison.Ordinal);
        }
    }

    public static string UniqueName(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 body with the status and a trace id, and returns it.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    /// <summary>The messages of one field in a validation problem.</summary>
    public static IReadOnlyList<string> FieldErrors(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages) ? [.. messages.EnumerateArray().Select(m => m.GetString()!)] : [];

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(Prefix + path, body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(Prefix + path, body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> GetApiAsync(this HttpClient client, string path) =>
        client.GetAsync(Prefix + path, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> DeleteApiAsync(this HttpClient client, string path) =>
        client.DeleteAsync(Prefix + path, TestContext.Current.CancellationToken);

    /// <summary>Creates a backend (asserting 201) and returns its JSON.</summary>
    public static async Task<JsonElement> CreateBackendAsync(this HttpClient client, string? name = null, int port = 9000)
    {
        using var response = await client.PostJsonAsync("/backends", new { name = name ?? UniqueName("be"), host = "127.0.0.1", port, protocol = "http" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Creates an API on <paramref name="backendId"/> (asserting 201) and returns its JSON.</summary>
    public static async Task<JsonElement> CreateApiAsync(this HttpClient client, int backendId, string? name = null, string? path = null, string status = "active")
    {
        var apiName = name ?? UniqueName("api");
        using var response = await client.PostJsonAsync("/apis", new
        {
            name = apiName,
            version = "v1",
            displayName = "Display " + apiName,
            tags = DefaultTags,
            path = path ?? "/" + apiName,
            methods = DefaultMethods,
            backendId,
            status,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
