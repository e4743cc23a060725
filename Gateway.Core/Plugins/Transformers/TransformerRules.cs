using System.Collections.Frozen;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// Parses the Kong-shaped transformer configuration shared by request-transformer and response-transformer: sections
/// <c>remove</c>, <c>rename</c>, <c>replace</c>, <c>add</c>, <c>append</c>, each with lists of <c>name</c>
/// (remove), <c>old:new</c> (rename) or <c>name:value</c> (the others) strings for <c>headers</c> and, on requests,
/// <c>querystring</c>. Values are literal: Kong's <c>$(…)</c> templates are rejected rather than sent as text.
/// </summary>
internal static class TransformerRules
{
    public const string Remove = "remove";
    public const string Rename = "rename";
    public const string Replace = "replace";
    public const string Add = "add";
    public const string Append = "append";
    public const string Headers = "headers";
    public const string QueryString = "querystring";

    /// <summary>The sections, in the order they are applied.</summary>
    public static readonly string[] Sections = [Remove, Rename, Replace, Add, Append];

    /// <summary>Headers a transformer may not touch: HTTP framing and the connection belong to the gateway.</summary>
    private static readonly FrozenSet<string> ManagedHeaders =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "Keep-Alive", "TE", "Trailer");

    /// <summary>Request headers the gateway sets itself toward the backend (<c>Host</c> is the backend's address).</summary>
    private static readonly FrozenSet<string> ManagedRequestHeaders =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "Host");

    /// <summary>The default configuration with every list empty.</summary>
    public static string DefaultConfiguration(bool request)
    {
        var lists = request ? "{\"headers\":[],\"querystring\":[]}" : "{\"headers\":[]}";
        return "{" + string.Join(",", Sections.Select(s => "\"" + s + "\":" + lists)) + "}";
    }

    /// <summary>Reads the header rules (and the query rules when <paramref name="request"/>).</summary>
    public static (HeaderOperations Headers, QueryOperations Query) Read(EdgeConfigReader root, bool request)
    {
        var remove = new Lists();
        var rename = new Lists();
        var replace = new Lists();
        var add = new Lists();
        var append = new Lists();
        string[] known = request ? [Headers, QueryString] : [Headers];
        foreach (var (name, lists) in new[] { (Remove, remove), (Rename, rename), (Replace, replace), (Add, add), (Append, append) })
        {
            string[] unsupported = request
                ? (name == Replace ? ["body", "uri"] : ["body"])
                : (name is Remove or Rename ? ["json"] : ["json", "json_types"]);
            if (root.Section(name, known, unsupported) is not { } section)
            {
                continue;
            }

            lists.Headers = ReadList(section, Headers, name, isHeader: true, request);
            if (request)
            {
                lists.Query = ReadList(section, QueryString, name, isHeader: false, request);
            }
        }

        var headers = new HeaderOperations([.. remove.Headers.Select(e => e.Name)], [.. rename.Headers], [.. replace.Headers], [.. add.Headers], [.. append.Headers]);
        var query = new QueryOperations([.. remove.Query.Select(e => e.Name)], [.. rename.Query], [.. replace.Query], [.. add.Query], [.. append.Query]);
        return (headers.IsEmpty ? HeaderOperations.None : headers, query.IsEmpty ? QueryOperations.None : query);
    }

    private static List<NamedValue> ReadList(EdgeConfigReader section, string field, string sectionName, bool isHeader, bool request)
    {
        var entries = new List<NamedValue>();
        if (section.Strings(field) is not { } items)
        {
            return entries;
        }

        foreach (var (text, index) in items)
        {
            var path = section.PathOf(field, index);
            string name;
            var value = "";
            if (sectionName == Remove)
            {
                name = text.Trim();
            }
            else
            {
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    section.Add(path, sectionName == Rename ? "Use \"old-name:new-name\"." : "Use \"name:value\".");
                    continue;
                }

                name = text[..colon].Trim();
                value = sectionName == Rename ? text[(colon + 1)..].Trim() : text[(colon + 1)..];
            }

            if (Check(section, path, name, isHeader, request) && CheckValue(section, path, value, sectionName, isHeader, request))
            {
                entries.Add(new NamedValue(name, value));
            }
        }

        return entries;
    }

    private static bool Check(EdgeConfigReader section, string path, string name, bool isHeader, bool request)
    {
        if (name.Length == 0)
        {
            section.Add(path, "The name is required.");
            return false;
        }

        if (!isHeader)
        {
            return true;
        }

        if (!HttpSyntax.IsToken(name))
        {
            section.Add(path, $"'{name}' is not a valid header name.");
            return false;
        }

        if (ManagedHeaders.Contains(name) || (request && ManagedRequestHeaders.Contains(name)))
        {
            section.Add(path, $"The gateway manages the {name} header; a transformer cannot change it.");
            return false;
        }

        return true;
    }

    private static bool CheckValue(EdgeConfigReader section, string path, string value, string sectionName, bool isHeader, bool request)
    {
        if (sectionName == Rename)
        {
            // The value of a rename is the new name.
            return value.Length == 0 ? Fail(section, path, "The new name is required.") : Check(section, path, value, isHeader, request);
        }

        if (value.Contains("$(", StringComparison.Ordinal))
        {
            return Fail(section, path, "Templates such as $(headers.x) are not supported; values are sent as written.");
        }

        if (isHeader && !HttpSyntax.IsHeaderValue(value))
        {
            return Fail(section, path, "A header value may only hold printable ASCII characters.");
        }

        return true;
    }

    private static bool Fail(EdgeConfigReader section, string path, string message)
    {
        section.Add(path, message);
        return false;
    }

    private sealed class Lists
    {
        public List<NamedValue> Headers { get; set; } = [];

        public List<NamedValue> Query { get; set; } = [];
    }
}
