using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>Form posts to the token, revocation and introspection endpoints.</summary>
internal static class OAuthTestClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, IDictionary<string, string> form, (string Id, string Secret)? basic, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basic is { } credentials)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(credentials.Id) + ":" + Uri.EscapeDataString(credentials.Secret))));
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> ClientCredentialsAsync(HttpClient http, string clientId, string secret, CancellationToken ct) =>
        PostAsync(http, "/oauth/token", new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, (clientId, secret), ct);

    public static Task<(HttpStatusCode Status, JsonElement Body)> PasswordAsync(HttpClient http, string clientId, string secret, string userName, string password, CancellationToken ct) =>
        PostAsync(http, "/oauth/token", new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = userName, ["password"] = password }, (clientId, secret), ct);

    public static Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(HttpClient http, string clientId, string secret, string refreshToken, CancellationToken ct) =>
        PostAsync(http, "/oauth/token", new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, (clientId, secret), ct);

    public static async Task<string> AccessTokenAsync(HttpClient http, string clientId, string secret, CancellationToken ct)
    {
        var (status, body) = await ClientCredentialsAsync(http, clientId, secret, ct);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    public static HttpRequestMessage Bearer(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return request;
    }
}
