namespace ApiManager.Admin.Components.Portal;

/// <summary>The posted password change.</summary>
internal sealed class PortalChangePasswordInput
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}
