namespace ApiManager.Gateway.Apis.Wizard;

/// <summary>The error-key prefix of each wizard step (<c>backend.host</c>, <c>api.path</c>, <c>openApi.content</c>, …).</summary>
public static class ApiWizardSteps
{
    public static string Prefix(ApiWizardStep step) => step switch
    {
        ApiWizardStep.Backend => "backend",
        ApiWizardStep.BackendPlugins => "backendPlugins",
        ApiWizardStep.Api => "api",
        ApiWizardStep.OpenApi => "openApi",
        ApiWizardStep.Access => "access",
        ApiWizardStep.ApiPlugins => "apiPlugins",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The step an error key belongs to (by its prefix), or null.</summary>
    public static ApiWizardStep? StepOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var step in Enum.GetValues<ApiWizardStep>())
        {
            var prefix = Prefix(step);
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length && (key[prefix.Length] == '.' || key[prefix.Length] == '['))
            {
                return step;
            }
        }

        return null;
    }
}
