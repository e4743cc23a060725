using System.Globalization;
using System.Text.Json;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>
/// Reads a plugin's configuration JSON object field by field (Kong's snake_case names) and collects every problem keyed
/// <c>config.&lt;field&gt;</c>. A missing field or JSON <c>null</c> takes the default; unknown fields are errors, so a
/// typo never silently falls back to a default. Used by the rate-limiting, proxy-cache and sandbox definitions.
/// </summary>
internal sealed class PluginConfigReader
{
    private readonly JsonElement _config;
    private readonly ValidationErrors _errors = new();

    public PluginConfigReader(JsonElement configuration, IReadOnlyCollection<string> knownFields)
    {
        ArgumentNullException.ThrowIfNull(knownFields);
        _config = configuration;
        if (configuration.ValueKind != JsonValueKind.Object)
        {
            Add("config", "The configuration must be a JSON object.");
            return;
        }

        foreach (var property in configuration.EnumerateObject())
        {
            if (!knownFields.Contains(property.Name))
            {
                Add(Key(property.Name), $"Unknown field '{property.Name}'; the fields are: {string.Join(", ", knownFields)}.");
            }
        }
    }

    public bool HasErrors => !_errors.IsEmpty;

    /// <summary>The field's path as errors name it.</summary>
    public static string Key(string field) => "config." + field;

    public void Add(string key, string message) => _errors.Add(key, message);

    /// <summary>A failed compilation with every collected problem.</summary>
    public PluginCompilation Failure() =>
        PluginCompilation.Failure(_errors.ToDictionary());

    /// <summary>An optional positive whole number; null when absent.</summary>
    public long? PositiveInteger(string field, long maximum = long.MaxValue)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number > 0 && number <= maximum)
        {
            return number;
        }

        Add(Key(field), maximum == long.MaxValue
            ? "Must be a positive whole number."
            : $"Must be a whole number from 1 to {maximum.ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public int Integer(string field, int fallback, int minimum, int maximum)
    {
        if (!TryGet(field, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }

        Add(Key(field), $"Must be a whole number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}.");
        return fallback;
    }

    public bool Boolean(string field, bool fallback)
    {
        if (!TryGet(field, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Add(Key(field), "Must be true or false.");
        return fallback;
    }

    /// <summary>An optional string (trimmed); null when absent or empty.</summary>
    public string? Text(string field, bool trim = true)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add(Key(field), "Must be a string.");
            return null;
        }

        var text = trim ? value.GetString()!.Trim() : value.GetString()!;
        return text.Length == 0 ? null : text;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned as listed there.</summary>
    public string Choice(string field, string fallback, params string[] allowed)
    {
        var text = Text(field);
        if (text is null)
        {
            return fallback;
        }

        foreach (var option in allowed)
        {
            if (string.Equals(option, text, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        Add(Key(field), $"Must be one of: {string.Join(", ", allowed)}.");
        return fallback;
    }

    /// <summary>An array of strings (each trimmed, non-empty); <paramref name="fallback"/> when absent.</summary>
    public string[] TextList(string field, string[] fallback)
    {
        if (!TryGet(field, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(Key(field), "Must be an array of strings.");
            return fallback;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(text))
            {
                Add($"{Key(field)}[{index.ToString(CultureInfo.InvariantCulture)}]", "Must be a non-empty string.");
            }
            else
            {
                items.Add(text);
            }

            index++;
        }

        return [.. items];
    }

    /// <summary>An array of whole numbers; <paramref name="fallback"/> when absent.</summary>
    public int[] IntegerList(string field, int[] fallback)
    {
        if (!TryGet(field, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(Key(field), "Must be an array of whole numbers.");
            return fallback;
        }

        var items = new List<int>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var number))
            {
                items.Add(number);
            }
            else
            {
                Add($"{Key(field)}[{index.ToString(CultureInfo.InvariantCulture)}]", "Must be a whole number.");
            }

            index++;
        }

        return [.. items];
    }

    /// <summary>A JSON object of string values (name → value), in document order; empty when absent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TextMap(string field)
    {
        if (!TryGet(field, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(Key(field), "Must be a JSON object of names and string values.");
            return [];
        }

        var items = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                Add($"{Key(field)}.{property.Name}", "Must be a string.");
                continue;
            }

            items.Add(new(property.Name, property.Value.GetString()!));
        }

        return items;
    }

    private bool TryGet(string field, out JsonElement value)
    {
        if (_config.ValueKind == JsonValueKind.Object && _config.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }
}
