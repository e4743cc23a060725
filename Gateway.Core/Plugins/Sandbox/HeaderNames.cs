namespace ApiManager.Gateway.Plugins.Sandbox;

/// <summary>HTTP header name syntax (RFC 9110 token).</summary>
internal static class HeaderNames
{
    public static bool IsToken(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            {
                return false;
            }
        }

        return true;
    }
}
