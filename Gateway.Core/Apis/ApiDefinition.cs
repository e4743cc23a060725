using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Credentials;

namespace ApiManager.Gateway.Apis;

/// <summary>
/// A published API: the gateway path (a prefix such as <c>/shop/v1</c>, or a template such as
/// <c>/users/{id}/orders</c>), its allowed methods, status and backend.
/// </summary>
public sealed class ApiDefinition
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Version { get; set; } = "v1";
    public required string DisplayName { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>Gateway path: a prefix (no braces) or a template with <c>{param}</c> segments.</summary>
    public required string Path { get; set; }

    /// <summary>For a prefix path, whether the prefix is removed before forwarding (Kong's strip_path, default on).</summary>
    public bool StripPath { get; set; } = true;

    /// <summary>Upper-case HTTP methods; empty means every method.</summary>
    public List<string> Methods { get; set; } = [];
    public int BackendId { get; set; }
    public Backend? Backend { get; set; }
    public ApiStatus Status { get; set; } = ApiStatus.Active;
    public bool IsPublic { get; set; }

    /// <summary>The credential types a non-public API accepts (see the API's Authentication settings).</summary>
    public CredentialTypes AcceptedCredentials { get; set; } = CredentialTypes.Default;

    /// <summary>When true the caller's credential reaches the backend; by default the gateway strips it.</summary>
    public bool ForwardCredentials { get; set; }

    /// <summary>Options of the key-auth, basic-auth and jwt credential types (one JSON column).</summary>
    public ApiManager.Gateway.Credentials.Plugins.ApiAuthenticationOptions AuthenticationOptions { get; set; } = new();
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>Lifecycle state of an API.</summary>
public enum ApiStatus
{
    Active = 0,
    Inactive = 1,
    Deprecated = 2,
}
