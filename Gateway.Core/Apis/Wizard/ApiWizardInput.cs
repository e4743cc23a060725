using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Credentials;

namespace ApiManager.Gateway.Apis.Wizard;

/// <summary>
/// Everything the create-API wizard collects over its six steps: the backend (an existing one, or a new one), the
/// backend's plugins, the API's data, an optional OpenAPI document, access control and the API's plugins.
/// </summary>
public sealed record ApiWizardInput
{
    /// <summary>Step 1: an existing backend's id; null creates <see cref="NewBackend"/>.</summary>
    public int? BackendId { get; init; }

    /// <summary>Step 1: the backend to create when <see cref="BackendId"/> is null.</summary>
    public BackendInput? NewBackend { get; init; }

    /// <summary>Step 2: plugins of backend scope for the backend.</summary>
    public IReadOnlyList<ApiWizardPlugin> BackendPlugins { get; init; } = [];

    /// <summary>Step 3: the API (its backend id and public flag are set by steps 1 and 5).</summary>
    public ApiInput Api { get; init; } = new();

    /// <summary>Step 4: the OpenAPI document's text (pasted or uploaded), or none.</summary>
    public string? OpenApiContent { get; init; }

    /// <summary>Step 4: a URL to fetch the OpenAPI document from, used when <see cref="OpenApiContent"/> is empty.</summary>
    public string? OpenApiUrl { get; init; }

    /// <summary>Step 5: a public API needs no credential.</summary>
    public bool IsPublic { get; init; }

    /// <summary>Step 5: the credential types a non-public API accepts.</summary>
    public CredentialTypes AcceptedCredentials { get; init; } = CredentialTypes.Default;

    /// <summary>Step 6: plugins of API scope for the API.</summary>
    public IReadOnlyList<ApiWizardPlugin> ApiPlugins { get; init; } = [];

    /// <summary>True when step 4 has a document (pasted, uploaded or by URL).</summary>
    public bool HasOpenApi => !string.IsNullOrWhiteSpace(OpenApiContent) || !string.IsNullOrWhiteSpace(OpenApiUrl);
}
