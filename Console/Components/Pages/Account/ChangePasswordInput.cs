namespace ApiManager.Admin.Components.Pages.Account;

/// <summary>The posted change-password form.</summary>
internal sealed class ChangePasswordInput
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}
