namespace ApiManager.Admin.Components.Portal;

/// <summary>The posted partner login form.</summary>
internal sealed class PortalLoginInput
{
    public string? ClientId { get; set; }

    public string? Password { get; set; }
}
