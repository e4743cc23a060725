using ApiManager.Admin.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ApiManager.Admin.Components.Pages.Account;

/// <summary>Static server-rendered sign-in: password check with lockout; disabled users are refused.</summary>
public sealed partial class Login
{
    [Inject]
    public required SignInManager<AdminUser> SignInManager { get; init; }

    [Inject]
    public required UserManager<AdminUser> UserManager { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider TimeProvider { get; init; }

    [SupplyParameterFromForm(FormName = "login")]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string? Message { get; set; }

    protected override void OnInitialized() => Input ??= new LoginInput();

    /// <summary>A local path to go back to; anything else (absolute or protocol-relative URLs) goes to the dashboard.</summary>
    internal static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl))
        {
            return "/";
        }

        if (!returnUrl.StartsWith('/') && returnUrl.Contains(':', StringComparison.Ordinal))
        {
            return "/";
        }

        var path = returnUrl.StartsWith('/') ? returnUrl : "/" + returnUrl;
        var unsafeUrl = path.StartsWith("//", StringComparison.Ordinal) || path.StartsWith("/\\", StringComparison.Ordinal)
            || !Uri.IsWellFormedUriString(path, UriKind.Relative) || path.StartsWith("/account/log", StringComparison.OrdinalIgnoreCase);
        return unsafeUrl ? "/" : path;
    }

    private async Task LoginAsync()
    {
        var userName = Input.UserName?.Trim() ?? "";
        var password = Input.Password ?? "";
        if (userName.Length == 0 || password.Length == 0)
        {
            Message = "Enter your user name and password.";
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await UserManager.FindByNameAsync(userName);
            if (user is not null)
            {
                user.LastLoginAt = TimeProvider.GetUtcNow().UtcDateTime;
                await UserManager.UpdateAsync(user);
            }

            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
            return;
        }

        if (result.IsLockedOut)
        {
            var user = await UserManager.FindByNameAsync(userName);
            var until = user?.LockoutEnd is { } end ? $" until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "";
            Message = $"This account is locked{until} after too many failed sign-ins.";
        }
        else if (result.IsNotAllowed)
        {
            // Only say "disabled" to someone who knows the password.
            var user = await UserManager.FindByNameAsync(userName);
            Message = user is not null && await UserManager.CheckPasswordAsync(user, password)
                ? "This account is disabled. Ask an administrator to re-enable it."
                : "Invalid user name or password.";
        }
        else
        {
            Message = "Invalid user name or password.";
        }
    }
}
