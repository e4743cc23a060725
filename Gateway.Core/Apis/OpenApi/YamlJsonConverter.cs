using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// Turns a YAML document into the JSON tree Microsoft.OpenApi's reader reads (the YAML reader package of the same
/// major version as the build's Microsoft.OpenApi is not available, so YamlDotNet parses the YAML and the OpenAPI
/// reading stays Microsoft.OpenApi's). Plain scalars follow the YAML 1.2 core schema.
/// </summary>
internal static partial class YamlJsonConverter
{
    private const int MaxNodes = 200_000;

    /// <summary>Parses <paramref name="yaml"/>; on a syntax error returns null and a message with line and column.</summary>
    public static JsonNode? Convert(string yaml, out string? error)
    {
        error = null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            error = $"Line {ex.Start.Line}, column {ex.Start.Column}: {Describe(ex)}";
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            error = "The document is empty.";
            return null;
        }

        var count = 0;
        try
        {
            return ToJson(stream.Documents[0].RootNode, ref count);
        }
        catch (YamlException ex)
        {
            error = $"Line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}";
            return null;
        }
    }

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && marker > 0 ? message[(marker + 3)..] : message;
    }

    private static JsonNode? ToJson(YamlNode node, ref int count)
    {
        if (++count > MaxNodes)
        {
            throw new YamlException(node.Start, node.End, $"The document has more than {MaxNodes} nodes.");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : throw new YamlException(key.Start, key.End, "Only text keys are supported.");
                    if (obj.ContainsKey(name))
                    {
                        throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'.");
                    }

                    obj[name] = ToJson(value, ref count);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, ref count));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, "Unsupported YAML node.");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (JsonNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            // Keeps the literal text ("1.0" stays "1.0" where the reader wants a string).
            return JsonNode.Parse(text);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
