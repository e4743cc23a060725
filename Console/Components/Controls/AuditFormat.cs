using System.Text.Json;

namespace ApiManager.Admin.Components.Controls;

/// <summary>Indents audit images for display.</summary>
internal static class AuditFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "—";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
