using System.Globalization;
using System.Net;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Common;

namespace ApiManager.Gateway.Apis.Diversion;

/// <summary>
/// Validation of an API's diversion list, shared by <see cref="ApiDiversionService"/> (field errors) and the snapshot
/// build (rows that would not pass are refused there too).
/// </summary>
internal static class ApiDiversionRules
{
    /// <summary>
    /// Checks every rule and returns them trimmed; errors are keyed <c>rules</c> (the list) and <c>rules[i].source</c> /
    /// <c>rules[i].targetUrl</c>.
    /// </summary>
    public static IReadOnlyList<ApiDiversionRule> Validate(IReadOnlyList<ApiDiversionRule?>? rules, ValidationErrors errors)
    {
        if (rules is null)
        {
            errors.Add("rules", "Send the whole list of rules; an empty list removes every rule.");
            return [];
        }

        var list = rules;
        if (list.Count > ApiDiversionService.MaxRules)
        {
            errors.Add("rules", $"An API has at most {ApiDiversionService.MaxRules} diversion rules; {list.Count} were given.");
        }

        var result = new List<ApiDiversionRule>(list.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var field = "rules[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var rule = list[i];
            if (rule is null)
            {
                errors.Add(field, "The rule is empty.");
                continue;
            }

            var source = rule.Source?.Trim() ?? "";
            if (source.Length == 0)
            {
                errors.Add(field + ".source", "Source is required: an IP address or CIDR range such as 10.0.0.0/8.");
            }
            else if (source.Length > ApiDiversionService.MaxSourceLength || CanonicalSource(source) is not { } canonical)
            {
                errors.Add(field + ".source", $"'{source}' is not an IPv4/IPv6 address or CIDR range (such as 192.168.1.0/24 or 2001:db8::/32).");
            }
            else if (seen.TryGetValue(canonical, out var first))
            {
                errors.Add(field + ".source", $"Rule {first + 1} already diverts {source}; each source may appear once.");
            }
            else
            {
                seen[canonical] = i;
            }

            var url = rule.TargetUrl?.Trim() ?? "";
            if (TargetUrlError(url) is { } urlError)
            {
                errors.Add(field + ".targetUrl", urlError);
            }

            result.Add(new ApiDiversionRule(source, url));
        }

        return result;
    }

    /// <summary>
    /// The network a source denotes, written one way (<c>10.0.0.0/8</c> for <c>10.1.2.3/8</c>, prefix always present),
    /// so that duplicates are found; null when it is not an address or CIDR range.
    /// </summary>
    public static string? CanonicalSource(string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? source : source[..slash];
        // IPAddress also reads legacy IPv4 forms ("10.1", "167772161"); a rule must spell all four parts.
        if (!IpRange.TryParse(source, out _) || (!addressText.Contains(':', StringComparison.Ordinal) && addressText.Count(c => c == '.') != 3))
        {
            return null;
        }

        var address = IpRange.Normalize(IPAddress.Parse(addressText));
        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = slash < 0 ? bits : int.Parse(source.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes) + "/" + prefix.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Why <paramref name="url"/> cannot be a diversion target, or null when it can.</summary>
    public static string? TargetUrlError(string url)
    {
        if (url.Length == 0)
        {
            return "Target URL is required, e.g. http://10.0.0.5:8080/base.";
        }

        if (url.Length > ApiDiversionService.MaxUrlLength)
        {
            return $"The target URL is longer than {ApiDiversionService.MaxUrlLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return "The target URL must be an absolute http:// or https:// URL with a host.";
        }

        if (url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal))
        {
            return "The target URL may not have a query (?) or fragment (#); the caller's query is forwarded as it is.";
        }

        return uri.UserInfo.Length > 0 ? "The target URL may not contain a user name or password." : null;
    }
}
