using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Apis;

/// <summary>
/// The allowed operations of one API, compiled once per snapshot: one entry per path template (its segments, with null
/// for a <c>{param}</c> segment, its methods and its <c>Allow</c> value). Matching splits the request path relative to
/// the API's path into segments without allocating and compares them in plain loops: literal segments ordinally, a
/// parameter segment against any non-empty segment. Templates with a literal where another has a parameter come first,
/// so <c>/pets/mine</c> wins over <c>/pets/{id}</c>.
/// </summary>
internal sealed class OperationMatcher
{
    private readonly OperationTemplate[] _templates;

    private OperationMatcher(OperationTemplate[] templates) => _templates = templates;

    /// <summary>Number of distinct path templates.</summary>
    public int TemplateCount => _templates.Length;

    /// <summary>Compiles the operations; null when there are none (the API allows every path).</summary>
    public static OperationMatcher? Compile(IEnumerable<ApiOperation>? operations)
    {
        if (operations is null)
        {
            return null;
        }

        var byPath = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            var path = operation.Path.Length > 1 ? operation.Path.TrimEnd('/') : operation.Path;
            if (!byPath.TryGetValue(path, out var methods))
            {
                byPath[path] = methods = [];
            }

            var method = HttpMethods.GetCanonicalizedValue(operation.Method.Trim().ToUpperInvariant());
            if (!methods.Contains(method))
            {
                methods.Add(method);
            }
        }

        if (byPath.Count == 0)
        {
            return null;
        }

        var templates = byPath.Select(p => new OperationTemplate(Segments(p.Key), [.. p.Value], string.Join(", ", p.Value))).ToList();
        templates.Sort(CompareSpecificity);
        return new OperationMatcher([.. templates]);
    }

    /// <summary>
    /// The template matching <paramref name="relativePath"/> (the request path below the API's path; empty or "/" is
    /// the API's root), or null.
    /// </summary>
    public OperationTemplate? Match(ReadOnlySpan<char> relativePath)
    {
        var templates = _templates;
        for (var t = 0; t < templates.Length; t++)
        {
            if (Matches(templates[t].Segments, relativePath))
            {
                return templates[t];
            }
        }

        return null;
    }

    private static bool Matches(string?[] segments, ReadOnlySpan<char> path)
    {
        var rest = path.Length > 0 && path[0] == '/' ? path[1..] : path;
        var index = 0;
        if (rest.Length == 0)
        {
            return segments.Length == 0;
        }

        while (true)
        {
            if (index == segments.Length)
            {
                return false;
            }

            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            var expected = segments[index];
            if (expected is null ? segment.Length == 0 : !segment.SequenceEqual(expected))
            {
                return false;
            }

            index++;
            if (slash < 0)
            {
                return index == segments.Length;
            }

            rest = rest[(slash + 1)..];
        }
    }

    private static string?[] Segments(string template)
    {
        if (template.Length == 0 || template == "/")
        {
            return [];
        }

        var parts = template.TrimStart('/').Split('/');
        var segments = new string?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            segments[i] = parts[i].Contains('{', StringComparison.Ordinal) ? null : parts[i];
        }

        return segments;
    }

    private static int CompareSpecificity(OperationTemplate a, OperationTemplate b)
    {
        var length = Math.Min(a.Segments.Length, b.Segments.Length);
        for (var i = 0; i < length; i++)
        {
            var aLiteral = a.Segments[i] is not null;
            var bLiteral = b.Segments[i] is not null;
            if (aLiteral != bLiteral)
            {
                return aLiteral ? -1 : 1;
            }
        }

        return a.Segments.Length.CompareTo(b.Segments.Length);
    }
}
