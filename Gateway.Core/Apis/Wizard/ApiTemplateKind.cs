namespace ApiManager.Gateway.Apis.Wizard;

/// <summary>
/// The create-API templates: Minimum (backend host and an OpenAPI document; name, version and path come from the
/// document) and Basic (backend host, API name, version and an OpenAPI document).
/// </summary>
public enum ApiTemplateKind
{
    Minimum = 0,
    Basic = 1,
}
