namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>One plugin the wizard will add: type and configuration JSON as typed.</summary>
public sealed class WizardPluginRow
{
    public string Type { get; set; } = "";
    public string? Configuration { get; set; }
    public bool Enabled { get; set; } = true;
}
