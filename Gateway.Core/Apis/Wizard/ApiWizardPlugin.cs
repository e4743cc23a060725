namespace ApiManager.Gateway.Apis.Wizard;

/// <summary>A plugin the wizard adds to the new backend or API: its type name and configuration (JSON object text).</summary>
public sealed record ApiWizardPlugin(string Type, string? Configuration = null, bool Enabled = true);
