using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Plugins.Runtime;
using Microsoft.Extensions.Primitives;

namespace ApiManager.Gateway.Plugins.Cors;

/// <summary>
/// cors: Kong's <c>origins</c> (unset or <c>*</c> = any; an entry with only letters, digits and <c>.:/-</c> is an exact
/// origin, anything else a regular expression matched against the whole origin), <c>methods</c> (Kong's nine by
/// default), <c>headers</c> (unset: echo <c>Access-Control-Request-Headers</c>), <c>exposed_headers</c>,
/// <c>credentials</c>, <c>max_age</c> and <c>preflight_continue</c>. Global, backend or API scope: it runs before the
/// caller is known, so a client scope would never apply.
/// </summary>
internal sealed class CorsDefinition : IPluginDefinition
{
    /// <summary>How long one origin may take against one regex before it counts as not allowed.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private static readonly string[] KongMethods = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

    private static readonly string[] Fields = ["origins", "methods", "headers", "exposed_headers", "credentials", "max_age", "preflight_continue"];

    private static readonly string[] UnsupportedFields = ["private_network"];

    public PluginType Type => PluginType.Cors;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api;

    public string DefaultConfiguration =>
        """{"origins":null,"methods":["GET","HEAD","PUT","PATCH","POST","DELETE","OPTIONS","TRACE","CONNECT"],"headers":null,"exposed_headers":null,"credentials":false,"max_age":null,"preflight_continue":false}""";

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = EdgeConfigReader.Root(settings.Configuration, Fields, UnsupportedFields);
        var allowAll = true;
        var exact = new List<string>();
        var patterns = new List<Regex>();
        if (reader.Strings("origins") is { Count: > 0 } origins)
        {
            allowAll = false;
            foreach (var (entry, index) in origins)
            {
                ReadOrigin(reader, reader.PathOf("origins", index), entry.Trim(), exact, patterns, ref allowAll);
            }
        }

        var methods = ReadMethods(reader);
        var headers = ReadHeaderNames(reader, "headers");
        var exposed = ReadHeaderNames(reader, "exposed_headers");
        var credentials = reader.Boolean("credentials", false);
        var maxAge = reader.Integer("max_age", 0, int.MaxValue);
        var preflightContinue = reader.Boolean("preflight_continue", false);
        if (reader.HasErrors)
        {
            return reader.Failure();
        }

        var options = new CorsOptions(
            allowAll,
            exact.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            [.. patterns],
            methods,
            headers,
            exposed,
            credentials,
            maxAge is { } age ? age.ToString(System.Globalization.CultureInfo.InvariantCulture) : StringValues.Empty,
            preflightContinue);
        return PluginCompilation.Success(new CorsPlugin(settings.InstanceId, options));
    }

    /// <summary>
    /// Kong's rule: an entry holding only <c>[A-Za-z0-9.:/-]</c> is an exact origin, compared normalized; anything else
    /// is a regex matched against the whole origin.
    /// </summary>
    private static void ReadOrigin(EdgeConfigReader reader, string path, string entry, List<string> exact, List<Regex> patterns, ref bool allowAll)
    {
        if (entry.Length == 0)
        {
            reader.Add(path, "An origin is required.");
        }
        else if (entry == "*")
        {
            allowAll = true;
        }
        else if (entry.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '/' or '-'))
        {
            if (Normalize(entry) is { } origin)
            {
                exact.Add(origin);
            }
            else
            {
                reader.Add(path, $"'{entry}' is not an origin (scheme://host[:port], e.g. https://app.example.com), '*' or a regular expression.");
            }
        }
        else
        {
            try
            {
                patterns.Add(new Regex("^(?:" + entry + ")$", RegexOptions.CultureInvariant, MatchTimeout));
            }
            catch (ArgumentException ex)
            {
                reader.Add(path, $"'{entry}' is not a valid regular expression: {ex.Message}");
            }
        }
    }

    /// <summary><c>scheme://host[:port]</c> in the form browsers send it, or null; <c>null</c> (sandboxed pages) stays as is.</summary>
    internal static string? Normalize(string entry)
    {
        if (entry == "null")
        {
            return entry;
        }

        if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown || uri.Host.Length == 0
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var origin = uri.Scheme + "://" + uri.Host;
        return uri.IsDefaultPort ? origin : origin + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static StringValues ReadMethods(EdgeConfigReader reader)
    {
        if (reader.Strings("methods") is not { } items)
        {
            return string.Join(",", KongMethods);
        }

        var methods = new List<string>();
        foreach (var (method, index) in items)
        {
            var name = method.Trim().ToUpperInvariant();
            if (Array.IndexOf(KongMethods, name) < 0)
            {
                reader.Add(reader.PathOf("methods", index), $"'{method}' is not one of {string.Join(", ", KongMethods)}.");
            }
            else if (!methods.Contains(name))
            {
                methods.Add(name);
            }
        }

        if (items.Count == 0)
        {
            reader.Add(reader.PathOf("methods"), "List at least one method (or leave it unset for all nine).");
        }

        return string.Join(",", methods);
    }

    private static StringValues ReadHeaderNames(EdgeConfigReader reader, string field)
    {
        if (reader.Strings(field) is not { } items)
        {
            return StringValues.Empty;
        }

        var names = new List<string>();
        foreach (var (header, index) in items)
        {
            var name = header.Trim();
            if (!HttpSyntax.IsToken(name))
            {
                reader.Add(reader.PathOf(field, index), $"'{header}' is not a valid header name.");
            }
            else
            {
                names.Add(name);
            }
        }

        return names.Count == 0 ? StringValues.Empty : string.Join(",", names);
    }
}
