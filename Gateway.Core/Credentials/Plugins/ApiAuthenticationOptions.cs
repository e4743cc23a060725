using System.Text.Json;

namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>The plugin options of one API, stored as one JSON column on the API.</summary>
public sealed record ApiAuthenticationOptions
{
    private static readonly JsonSerializerOptions StorageOptions = new(JsonSerializerDefaults.Web);

    public KeyAuthOptions KeyAuth { get; init; } = new();

    public BasicAuthOptions BasicAuth { get; init; } = new();

    public JwtOptions Jwt { get; init; } = new();

    /// <summary>The stored form.</summary>
    public static string ToJson(ApiAuthenticationOptions options) => JsonSerializer.Serialize(options ?? new(), StorageOptions);

    /// <summary>Reads the stored form; an empty or unreadable value gives the defaults.</summary>
    public static ApiAuthenticationOptions FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new();
        }

        try
        {
            var options = JsonSerializer.Deserialize<ApiAuthenticationOptions>(json, StorageOptions) ?? new();
            return options with
            {
                KeyAuth = options.KeyAuth ?? new(),
                BasicAuth = options.BasicAuth ?? new(),
                Jwt = options.Jwt ?? new(),
            };
        }
        catch (JsonException)
        {
            return new();
        }
    }
}
