namespace ApiManager.Gateway.Plugins;

/// <summary>
/// HTTP syntax checks for configuration input (plugin settings, upstream hash headers and cookies): field names
/// (RFC 9110 tokens) and sendable field values.
/// </summary>
internal static class HttpSyntax
{
    /// <summary>True for a valid HTTP field name or media-type part (an RFC 9110 token).</summary>
    public static bool IsToken(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a header value that can be sent as is: visible ASCII, spaces and tabs, no line breaks.</summary>
    public static bool IsHeaderValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c != '\t' && (c < ' ' || c > '~'))
            {
                return false;
            }
        }

        return true;
    }
}
