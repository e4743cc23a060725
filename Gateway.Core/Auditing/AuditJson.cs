using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ApiManager.Gateway.Auditing;

/// <summary>Serializes audit before/after images, replacing any secret-looking property with a marker.</summary>
public static class AuditJson
{
    /// <summary>What replaces a secret value.</summary>
    public const string Redacted = "***";

    private static readonly string[] SecretMarkers = ["password", "secret", "token", "apikey", "hash", "credential", "privatekey"];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>True when a property of this name must never be written to the audit log.</summary>
    public static bool IsSecretName(string name)
    {
        var lower = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return SecretMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal));
    }

    /// <summary>JSON of <paramref name="value"/> with secrets redacted; null for null.</summary>
    public static string? Serialize(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var node = JsonSerializer.SerializeToNode(value, value.GetType(), Options);
        Redact(node);
        return node?.ToJsonString(Options);
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretName(name))
                    {
                        obj[name] = obj[name] is null ? null : Redacted;
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }
    }
}
