using System.Text;
using System.Text.RegularExpressions;

namespace ApiManager.Gateway.Apis;

/// <summary>
/// A parsed gateway path. Without braces it is a prefix (<c>/shop/v1</c> matches <c>/shop/v1</c> and everything
/// below it); with <c>{param}</c> segments it is a template that must match the whole request path.
/// </summary>
public sealed partial record ApiPath
{
    /// <summary>Paths the gateway listener answers itself; an API may not claim them.</summary>
    public static IReadOnlyList<string> ReservedPrefixes { get; } = ["/oauth", "/.well-known", "/healthz", "/readyz", "/webapp"];

    private ApiPath(string normalized, bool isTemplate, IReadOnlyList<string> parameters, string shape)
    {
        Normalized = normalized;
        IsTemplate = isTemplate;
        Parameters = parameters;
        Shape = shape;
    }

    /// <summary>The path as stored: leading slash, no trailing slash (except the root).</summary>
    public string Normalized { get; }

    /// <summary>True when the path holds <c>{param}</c> segments.</summary>
    public bool IsTemplate { get; }

    /// <summary>Parameter names in order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The path with parameter names erased (<c>/users/{}</c>): equal shapes conflict.</summary>
    public string Shape { get; }

    /// <summary>The ASP.NET route pattern YARP matches with.</summary>
    public string RoutePattern => IsTemplate ? Normalized : Normalized == "/" ? "/{**remainder}" : Normalized + "/{**remainder}";

    /// <summary>Parses and normalizes <paramref name="value"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? value, out ApiPath? path, out string? error)
    {
        path = null;
        error = null;
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "Path is required.";
            return false;
        }

        if (text[0] != '/')
        {
            error = "Path must start with '/'.";
            return false;
        }

        if (text.Length > 1 && text.EndsWith('/'))
        {
            text = text.TrimEnd('/');
        }

        if (text.Length > 500)
        {
            error = "Path must be at most 500 characters.";
            return false;
        }

        if (text.Contains("//", StringComparison.Ordinal))
        {
            error = "Path must not contain empty segments ('//').";
            return false;
        }

        var parameters = new List<string>();
        var shape = new StringBuilder();
        if (text != "/")
        {
            foreach (var segment in text[1..].Split('/'))
            {
                shape.Append('/');
                if (segment.Contains('{') || segment.Contains('}'))
                {
                    var match = ParameterSegment().Match(segment);
                    if (!match.Success)
                    {
                        error = $"Segment '{segment}' is not a valid parameter: use a whole segment such as '{{id}}' (letters, digits, '_').";
                        return false;
                    }

                    var name = match.Groups[1].Value;
                    if (parameters.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        error = $"Parameter '{{{name}}}' appears more than once.";
                        return false;
                    }

                    parameters.Add(name);
                    shape.Append("{}");
                }
                else if (segment is "." or ".." || !LiteralSegment().IsMatch(segment))
                {
                    error = $"Segment '{segment}' contains characters not allowed in a path.";
                    return false;
                }
                else
                {
                    shape.Append(segment.ToLowerInvariant());
                }
            }
        }
        else
        {
            shape.Append('/');
        }

        foreach (var reserved in ReservedPrefixes)
        {
            if (text.Equals(reserved, StringComparison.OrdinalIgnoreCase) || text.StartsWith(reserved + "/", StringComparison.OrdinalIgnoreCase))
            {
                error = $"Path '{reserved}' is reserved by the gateway.";
                return false;
            }
        }

        path = new ApiPath(text, parameters.Count > 0, parameters, shape.ToString());
        return true;
    }

    [GeneratedRegex(@"^\{([A-Za-z_][A-Za-z0-9_]{0,49})\}$")]
    private static partial Regex ParameterSegment();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$")]
    private static partial Regex LiteralSegment();
}
