using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>
/// A cookie-keeping client of the console listener that does not follow redirects: opens the authorization page, posts
/// its form (hidden fields and antiforgery token included) and reads where it redirects.
/// </summary>
internal sealed partial class AuthorizeTestBrowser : IDisposable
{
    public const string RedirectUri = "http://127.0.0.1:9/callback";

    private readonly HttpClient _http;

    public AuthorizeTestBrowser(Uri consoleUri)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = consoleUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>A PKCE pair: a random verifier and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    /// <summary>The query of an authorization request; a null value leaves the parameter out.</summary>
    public static string Query(string clientId, string? challenge, string? method = "S256", string redirectUri = RedirectUri, string state = "state-1", string responseType = "code")
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = responseType,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        };
        return QueryHelpers.AddQueryString("/oauth/authorize", parameters.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));
    }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await _http.SendAsync(request, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct), response);
    }

    /// <summary>Posts the page's form with its hidden fields plus the sign-in fields and the pressed button.</summary>
    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> SubmitAsync(string page, string userName, string password, string action, CancellationToken ct, Action<Dictionary<string, string>>? change = null)
    {
        var form = HiddenFields(page);
        form["username"] = userName;
        form["password"] = password;
        form["action"] = action;
        change?.Invoke(form);
        using var response = await _http.PostAsync("/oauth/authorize", new FormUrlEncodedContent(form), ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct), response.Headers.Location);
    }

    public static Dictionary<string, string> HiddenFields(string page)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in HiddenInput().Matches(page))
        {
            fields[WebUtility.HtmlDecode(match.Groups["name"].Value)] = WebUtility.HtmlDecode(match.Groups["value"].Value);
        }

        return fields;
    }

    /// <summary>The query parameters of a redirect.</summary>
    public static Dictionary<string, string> Parameters(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\" />")]
    private static partial Regex HiddenInput();
}
