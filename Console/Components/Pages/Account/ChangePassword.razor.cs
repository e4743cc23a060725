using ApiManager.Admin.Data;
using ApiManager.Admin.Account;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ApiManager.Admin.Components.Pages.Account;

/// <summary>Static server-rendered password change for the signed-in user; Identity's rules come back as field errors.</summary>
public sealed partial class ChangePassword
{
    [Inject]
    public required SignInManager<AdminUser> SignInManager { get; init; }

    [Inject]
    public required UserManager<AdminUser> UserManager { get; init; }

    [Inject]
    public required AuditRecorder Audit { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "change-password")]
    private ChangePasswordInput Input { get; set; } = default!;

    private FieldErrors Errors { get; } = new();

    private bool Done { get; set; }

    protected override void OnInitialized() => Input ??= new ChangePasswordInput();

    private async Task ChangeAsync()
    {
        var user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            Navigation.NavigateTo(ConsoleUiExtensions.LoginPath, forceLoad: true);
            return;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(Input.CurrentPassword))
        {
            errors["currentPassword"] = ["Enter your current password."];
        }

        if (string.IsNullOrEmpty(Input.NewPassword))
        {
            errors["newPassword"] = ["Enter a new password."];
        }
        else
        {
            var ruleErrors = new List<string>();
            foreach (var validator in UserManager.PasswordValidators)
            {
                var check = await validator.ValidateAsync(UserManager, user, Input.NewPassword);
                ruleErrors.AddRange(check.Errors.Select(e => e.Description));
            }

            if (ruleErrors.Count > 0)
            {
                errors["newPassword"] = [.. ruleErrors];
            }

            if (Input.NewPassword != Input.ConfirmPassword)
            {
                errors["confirmPassword"] = ["The new password and its confirmation do not match."];
            }
        }

        if (errors.Count > 0 && !errors.ContainsKey("currentPassword") && !await UserManager.CheckPasswordAsync(user, Input.CurrentPassword!))
        {
            errors["currentPassword"] = ["The current password is wrong."];
        }

        if (errors.Count == 0)
        {
            var result = await UserManager.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
            if (result.Succeeded)
            {
                await SignInManager.RefreshSignInAsync(user);
                await Audit.RecordAsync(new Actor(user.UserName ?? "", "console"), new AuditChange(AdminUserService.EntityName, user.Id, "PasswordChanged", null, new { user.UserName }), HttpContext.RequestAborted);
                Input = new ChangePasswordInput();
                Done = true;
                return;
            }

            foreach (var group in result.Errors.GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword"))
            {
                errors[group.Key] = [.. group.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "The current password is wrong." : e.Description)];
            }
        }

        Errors.Set(errors);
    }
}
