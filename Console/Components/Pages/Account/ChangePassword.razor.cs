using ApiManager.Admin.Data;
using ApiManager.Admin.Account;
using ApiManager.Admin.Model;
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
    internal AdminUserService Users { get; init; } = default!;

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

        try
        {
            await Users.ChangeOwnPasswordAsync(user, Input.CurrentPassword, Input.NewPassword, Input.ConfirmPassword, HttpContext.RequestAborted);
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
            return;
        }

        await SignInManager.RefreshSignInAsync(user);
        Input = new ChangePasswordInput();
        Done = true;
    }
}
