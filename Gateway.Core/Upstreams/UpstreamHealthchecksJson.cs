using System.Text.Json;

namespace ApiManager.Gateway.Upstreams;

/// <summary>The stored JSON form of <see cref="UpstreamHealthchecks"/> (one column of <c>Upstreams</c>).</summary>
internal static class UpstreamHealthchecksJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(UpstreamHealthchecks value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads the column; an empty value (rows from before the column existed) reads as Kong's defaults.</summary>
    public static UpstreamHealthchecks Deserialize(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new UpstreamHealthchecks() : JsonSerializer.Deserialize<UpstreamHealthchecks>(json, Options) ?? new UpstreamHealthchecks();
}
