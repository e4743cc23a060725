using System.Text.Json;
using ApiManager.Gateway.Auditing;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>One audit row; <c>before</c>/<c>after</c> are the redacted JSON images of the entity.</summary>
internal sealed record AuditEntryResponse(
    long Id,
    DateTime At,
    string Actor,
    string Source,
    string EntityType,
    string EntityId,
    string Action,
    JsonElement? Before,
    JsonElement? After)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.Id, e.At, e.Actor, e.Source, e.EntityType, e.EntityId, e.Action, Parse(e.Before), Parse(e.After));

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
