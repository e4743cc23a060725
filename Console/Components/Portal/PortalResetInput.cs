namespace ApiManager.Admin.Components.Portal;

/// <summary>The posted reset request.</summary>
internal sealed class PortalResetInput
{
    public string? ClientId { get; set; }
}
