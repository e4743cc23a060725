using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace ApiManager.Gateway.Credentials.OAuth.Authorize;

/// <summary>
/// The HTML of the sign-in and consent page: the client's name and the access it asks for, an API-user sign-in form and
/// Allow / Deny. Every parameter of the authorization request is reposted in hidden fields.
/// </summary>
internal static class AuthorizePage
{
    /// <summary>Form fields of the page itself, never reposted as request parameters.</summary>
    public static readonly string[] OwnFields = ["username", "password", "action"];

    // The console's account-page frame (same classes as the sign-in page).
    private const string CardStart = "<main class=\"am-account\"><div class=\"am-account-card\"><div class=\"am-account-brand\">"
        + "<img src=\"/assets/logo.svg\" alt=\"\" class=\"am-logo\" /><span>ApiManager</span></div>";

    private const string CardEnd = "</div></main></body></html>";

    public static string Render(
        string clientName,
        IReadOnlyList<string> access,
        IEnumerable<KeyValuePair<string, StringValues>> parameters,
        AntiforgeryTokenSet tokens,
        string? userName,
        string? error)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />")
            .Append("<title>Authorize ").Append(e.Encode(clientName)).Append(" · ApiManager</title>")
            .Append("<link href=\"/assets/console.css\" rel=\"stylesheet\" /></head><body>").Append(CardStart)
            .Append("<h1>Authorize <span id=\"client-name\">").Append(e.Encode(clientName)).Append("</span></h1>")
            .Append("<p><strong>").Append(e.Encode(clientName)).Append("</strong> asks to call APIs on your behalf");
        if (access.Count > 0)
        {
            html.Append(" with this access:</p><ul id=\"access\">");
            foreach (var name in access)
            {
                html.Append("<li>").Append(e.Encode(name)).Append("</li>");
            }

            html.Append("</ul>");
        }
        else
        {
            html.Append(".</p>");
        }

        if (error is not null)
        {
            html.Append("<div class=\"am-alert am-alert-error\" id=\"authorize-error\" role=\"alert\">").Append(e.Encode(error)).Append("</div>");
        }

        html.Append("<form method=\"post\" action=\"").Append(OAuthServiceCollectionExtensions.AuthorizePath).Append("\" class=\"am-form\">");
        foreach (var (name, values) in parameters)
        {
            if (OwnFields.Contains(name, StringComparer.Ordinal) || name == tokens.FormFieldName)
            {
                continue;
            }

            foreach (var value in values)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(e.Encode(name)).Append("\" value=\"").Append(e.Encode(value ?? "")).Append("\" />");
            }
        }

        html.Append("<input type=\"hidden\" name=\"").Append(e.Encode(tokens.FormFieldName)).Append("\" value=\"").Append(e.Encode(tokens.RequestToken ?? "")).Append("\" />")
            .Append("<label for=\"username\">User name</label>")
            .Append("<input id=\"username\" name=\"username\" autocomplete=\"username\" value=\"").Append(e.Encode(userName ?? "")).Append("\" autofocus />")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" />")
            .Append("<button id=\"allow\" type=\"submit\" name=\"action\" value=\"allow\" class=\"am-button\">Allow</button> ")
            .Append("<button id=\"deny\" type=\"submit\" name=\"action\" value=\"deny\" class=\"am-button\" formnovalidate>Deny</button>")
            .Append("</form>").Append(CardEnd);
        return html.ToString();
    }

    /// <summary>A page without the form: the request cannot go on (expired form, client changed meanwhile).</summary>
    public static string RenderError(string message)
    {
        var e = HtmlEncoder.Default;
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><title>Authorization failed · ApiManager</title>"
            + "<link href=\"/assets/console.css\" rel=\"stylesheet\" /></head><body>" + CardStart + "<h1>Authorization failed</h1>"
            + "<div class=\"am-alert am-alert-error\" id=\"authorize-error\" role=\"alert\">" + e.Encode(message) + "</div>" + CardEnd;
    }
}
