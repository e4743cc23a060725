using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiManager.Gateway.Plugins;

namespace ApiManager.Admin.Components.Pages.Plugins;

/// <summary>How the console shows plugin configurations: a one-line summary and an indented editor text.</summary>
internal static class PluginText
{
    /// <summary>Longest summary shown in a list row.</summary>
    public const int SummaryLength = 120;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// "field: value · field: value" of the fields that are set (not null, empty text or empty list), e.g.
    /// <c>deny: 10.0.0.0/8 · status: 403</c>; cut at <see cref="SummaryLength"/> characters.
    /// </summary>
    public static string Summary(string? configuration)
    {
        if (Parse(configuration) is not { } node)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var (name, value) in node)
        {
            var text = Value(value);
            if (text.Length > 0)
            {
                parts.Add(name + ": " + text);
            }
        }

        var summary = parts.Count == 0 ? "defaults" : string.Join(" · ", parts);
        return summary.Length > SummaryLength ? summary[..(SummaryLength - 1)] + "…" : summary;
    }

    /// <summary>The configuration indented for the editor, without <paramref name="secretField"/> (edited apart).</summary>
    public static string ForEditor(string? configuration, string? secretField)
    {
        if (Parse(configuration) is not { } node)
        {
            return configuration ?? "{}";
        }

        if (secretField is not null)
        {
            node.Remove(secretField);
        }

        return node.ToJsonString(Indented);
    }

    /// <summary>
    /// The editor text with the secret added when one was typed; text that is not a JSON object goes unchanged (the
    /// service explains what is wrong with it).
    /// </summary>
    public static string WithSecret(string? configuration, string? secretField, string? secret)
    {
        var text = configuration ?? "";
        if (secretField is null || string.IsNullOrEmpty(secret) || Parse(text) is not { } node)
        {
            return text;
        }

        node[secretField] = secret;
        return node.ToJsonString(Indented);
    }

    /// <summary>"global", or "API orders v1" / "backend orders-be" / "client acme (…)".</summary>
    public static string Target(PluginView plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return plugin.Scope switch
        {
            PluginScope.Global => "global",
            PluginScope.Api => "API " + (plugin.TargetName ?? plugin.TargetId?.ToString()),
            _ => plugin.ScopeName + " " + (plugin.TargetName ?? plugin.TargetId?.ToString()),
        };
    }

    private static string Value(JsonNode? value) => value switch
    {
        null => "",
        JsonArray array => string.Join(", ", array.Select(Value).Where(v => v.Length > 0)),
        JsonObject obj => obj.Count == 0 ? "" : obj.ToJsonString(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static JsonObject? Parse(string? json)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
