namespace ApiManager.Admin.Components.Pages.Account;

/// <summary>The posted login form.</summary>
internal sealed class LoginInput
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
