using System.Text.Json;
using ApiManager.Gateway.Plugins;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>
/// Creates or replaces a plugin. <see cref="Configuration"/> is a JSON object (not a string); the type's secret field
/// (upstream-basic-auth's <c>password</c>) may be left out or sent as <c>"********"</c> on update to keep the stored one.
/// </summary>
/// <param name="Type">The type's name, e.g. <c>ip-restriction</c>.</param>
/// <param name="Scope"><c>global</c>, <c>backend</c>, <c>api</c> or <c>client</c>.</param>
/// <param name="TargetId">The backend, API or client id; none for global.</param>
/// <param name="Enabled">Whether it runs (default true).</param>
/// <param name="Configuration">The configuration object; missing fields take the type's defaults.</param>
/// <param name="ConcurrencyStamp">On update: the stamp read; a stale one answers 409.</param>
internal sealed record PluginRequest(string? Type, string? Scope, int? TargetId, bool? Enabled, JsonElement? Configuration, Guid? ConcurrencyStamp)
{
    public PluginInput ToInput() => new()
    {
        Type = Type,
        Scope = Scope,
        TargetId = TargetId,
        Enabled = Enabled ?? true,
        Configuration = Configuration is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } config ? config.GetRawText() : null,
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
