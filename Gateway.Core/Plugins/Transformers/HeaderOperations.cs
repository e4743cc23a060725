using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// A transformer's header rules, applied in Kong's order: remove, rename, replace (only a header that is present), add
/// (only a header that is absent), append (always another value). Immutable; names compare case-insensitively as HTTP does.
/// </summary>
internal sealed class HeaderOperations(string[] remove, NamedValue[] rename, NamedValue[] replace, NamedValue[] add, NamedValue[] append)
{
    public static HeaderOperations None { get; } = new([], [], [], [], []);

    public bool IsEmpty { get; } = remove.Length + rename.Length + replace.Length + add.Length + append.Length == 0;

    public void Apply(IHeaderDictionary headers)
    {
        foreach (var name in remove)
        {
            headers.Remove(name);
        }

        foreach (var (from, to) in rename)
        {
            if (headers.TryGetValue(from, out var value))
            {
                headers.Remove(from);
                headers[to] = value;
            }
        }

        foreach (var (name, value) in replace)
        {
            if (headers.ContainsKey(name))
            {
                headers[name] = value;
            }
        }

        foreach (var (name, value) in add)
        {
            if (!headers.ContainsKey(name))
            {
                headers[name] = value;
            }
        }

        foreach (var (name, value) in append)
        {
            headers.Append(name, value);
        }
    }
}
