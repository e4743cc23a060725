namespace ApiManager.Gateway.Apis.Wizard;

/// <summary>The wizard's six steps, in order; each step's field errors are keyed <c>&lt;prefix&gt;.&lt;field&gt;</c>.</summary>
public enum ApiWizardStep
{
    Backend = 0,
    BackendPlugins = 1,
    Api = 2,
    OpenApi = 3,
    Access = 4,
    ApiPlugins = 5,
}
