using System.Text;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// request-transformer's querystring rules in Kong's order (remove, rename, replace if present, add if absent, append
/// always), applied to <see cref="HttpRequest.QueryString"/>, which is what the gateway forwards. Names compare
/// case-sensitively (as Kong does); parameters the rules leave alone keep their original encoding and order, new ones
/// are added at the end, percent-encoded.
/// </summary>
internal sealed class QueryOperations(string[] remove, NamedValue[] rename, NamedValue[] replace, NamedValue[] add, NamedValue[] append)
{
    public static QueryOperations None { get; } = new([], [], [], [], []);

    public bool IsEmpty { get; } = remove.Length + rename.Length + replace.Length + add.Length + append.Length == 0;

    public void Apply(HttpRequest request)
    {
        var parameters = Parse(request.QueryString.Value);
        foreach (var name in remove)
        {
            RemoveAll(parameters, name, from: 0);
        }

        foreach (var (from, to) in rename)
        {
            if (IndexOf(parameters, from) >= 0)
            {
                RemoveAll(parameters, to, from: 0);
                for (var i = 0; i < parameters.Count; i++)
                {
                    if (parameters[i].Name == from)
                    {
                        parameters[i] = parameters[i] with { Name = to, RawName = Uri.EscapeDataString(to) };
                    }
                }
            }
        }

        foreach (var (name, value) in replace)
        {
            var first = IndexOf(parameters, name);
            if (first >= 0)
            {
                parameters[first] = Parameter.Create(name, value);
                RemoveAll(parameters, name, from: first + 1);
            }
        }

        foreach (var (name, value) in add)
        {
            if (IndexOf(parameters, name) < 0)
            {
                parameters.Add(Parameter.Create(name, value));
            }
        }

        foreach (var (name, value) in append)
        {
            parameters.Add(Parameter.Create(name, value));
        }

        request.QueryString = Format(parameters);
    }

    private static int IndexOf(List<Parameter> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static void RemoveAll(List<Parameter> parameters, string name, int from)
    {
        for (var i = parameters.Count - 1; i >= from; i--)
        {
            if (parameters[i].Name == name)
            {
                parameters.RemoveAt(i);
            }
        }
    }

    private static List<Parameter> Parse(string? query)
    {
        var parameters = new List<Parameter>();
        if (string.IsNullOrEmpty(query))
        {
            return parameters;
        }

        foreach (var part in (query[0] == '?' ? query[1..] : query).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? part : part[..equals];
            var rawValue = equals < 0 ? null : part[(equals + 1)..];
            parameters.Add(new Parameter(Decode(rawName), rawName, rawValue));
        }

        return parameters;
    }

    private static QueryString Format(List<Parameter> parameters)
    {
        if (parameters.Count == 0)
        {
            return QueryString.Empty;
        }

        var text = new StringBuilder();
        foreach (var parameter in parameters)
        {
            text.Append(text.Length == 0 ? '?' : '&').Append(parameter.RawName);
            if (parameter.RawValue is not null)
            {
                text.Append('=').Append(parameter.RawValue);
            }
        }

        return new QueryString(text.ToString());
    }

    private static string Decode(string raw)
    {
        try
        {
            return Uri.UnescapeDataString(raw.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return raw;
        }
    }

    /// <summary>One query parameter: its decoded name (for matching) and its name and value as they are sent.</summary>
    private readonly record struct Parameter(string Name, string RawName, string? RawValue)
    {
        public static Parameter Create(string name, string value) => new(name, Uri.EscapeDataString(name), Uri.EscapeDataString(value));
    }
}
