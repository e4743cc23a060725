using System.Globalization;
using System.Text.Json;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Plugins;

/// <summary>
/// Reads one JSON object of a plugin configuration (the whole configuration or a nested section such as
/// request-transformer's <c>add</c>) and collects field errors keyed by the field's path (<c>config.max_age</c>,
/// <c>config.add.headers[1]</c>). Field names are Kong's. Unknown fields are rejected, so a typo never silently turns a
/// setting off; fields Kong has but this gateway does not implement are accepted only at Kong's default (null, false, empty).
/// A missing field or JSON <c>null</c> reads as the field's default.
/// </summary>
internal sealed class EdgeConfigReader
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly ValidationErrors _errors;

    private EdgeConfigReader(JsonElement element, string path, ValidationErrors errors)
    {
        _element = element;
        _path = path;
        _errors = errors;
    }

    /// <summary>Starts reading <paramref name="configuration"/> (path <c>config</c>), which must be a JSON object.</summary>
    public static EdgeConfigReader Root(JsonElement configuration, IReadOnlyCollection<string> knownFields, IReadOnlyCollection<string>? unsupportedFields = null)
    {
        var reader = new EdgeConfigReader(configuration, "config", new ValidationErrors());
        reader.CheckFields(knownFields, unsupportedFields);
        return reader;
    }

    public bool HasErrors => !_errors.IsEmpty;

    /// <summary>The collected errors as a failed compilation.</summary>
    public PluginCompilation Failure() =>
        PluginCompilation.Failure(_errors.ToDictionary());

    /// <summary>The path of <paramref name="field"/> in error keys.</summary>
    public string PathOf(string field) => _path + "." + field;

    /// <summary>The path of item <paramref name="index"/> of the list <paramref name="field"/> in error keys.</summary>
    public string PathOf(string field, int index) => _path + "." + field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public void Add(string path, string message) => _errors.Add(path, message);

    /// <summary>Adds the error unless <paramref name="path"/> already has one (e.g. a wrong type reported by a read).</summary>
    public void AddUnlessReported(string path, string message)
    {
        if (!_errors.Has(path))
        {
            Add(path, message);
        }
    }

    /// <summary>True when the field is absent or JSON null.</summary>
    public bool IsUnset(string field) => !TryGet(field, out _);

    /// <summary>A boolean field; <paramref name="defaultValue"/> when unset.</summary>
    public bool Boolean(string field, bool defaultValue)
    {
        if (!TryGet(field, out var value))
        {
            return defaultValue;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Add(PathOf(field), "Must be true or false.");
        return defaultValue;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>; null when unset or invalid.</summary>
    public long? Integer(string field, long min, long max)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
        {
            return number;
        }

        Add(PathOf(field), string.Create(CultureInfo.InvariantCulture, $"Must be a whole number from {min} to {max}."));
        return null;
    }

    /// <summary>A string field; null when unset or invalid.</summary>
    public string? Text(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Add(PathOf(field), "Must be a string.");
        return null;
    }

    /// <summary>A list of strings; null when unset, the valid items otherwise (each non-string item is an error).</summary>
    public List<(string Value, int Index)>? Strings(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(PathOf(field), "Must be a list of strings.");
            return null;
        }

        var items = new List<(string, int)>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add((item.GetString()!, index));
            }
            else
            {
                Add(PathOf(field, index), "Must be a string.");
            }

            index++;
        }

        return items;
    }

    /// <summary>A nested object; null when unset or not an object (an error). Its own fields are checked like the root's.</summary>
    public EdgeConfigReader? Section(string field, IReadOnlyCollection<string> knownFields, IReadOnlyCollection<string>? unsupportedFields = null)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        var section = new EdgeConfigReader(value, PathOf(field), _errors);
        return section.CheckFields(knownFields, unsupportedFields) ? section : null;
    }

    private bool TryGet(string field, out JsonElement value)
    {
        if (_element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>False (with an error) when the element is not an object; flags unknown fields and unsupported fields set to something.</summary>
    private bool CheckFields(IReadOnlyCollection<string> knownFields, IReadOnlyCollection<string>? unsupportedFields)
    {
        if (_element.ValueKind != JsonValueKind.Object)
        {
            Add(_path, "Must be a JSON object.");
            return false;
        }

        foreach (var property in _element.EnumerateObject())
        {
            if (knownFields.Contains(property.Name))
            {
                continue;
            }

            if (unsupportedFields is not null && unsupportedFields.Contains(property.Name))
            {
                if (!IsEmpty(property.Value))
                {
                    Add(PathOf(property.Name), "This gateway does not support this Kong setting; leave it empty.");
                }

                continue;
            }

            Add(PathOf(property.Name), "Unknown field.");
        }

        return true;
    }

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => value.EnumerateObject().All(p => IsEmpty(p.Value)),
        _ => false,
    };
}
