using ApiManager.Admin.Portal;
using ApiManager.Gateway.Clients.Portal;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Admin.Components.Portal;

/// <summary>
/// Static server-rendered password change of the signed-in partner: current password checked, new one hashed by the
/// client service. A session opened with a one-time password is not asked for a current password; it must set a new
/// password (while the one-time password is still pending) and is then re-issued as a normal session.
/// </summary>
public sealed partial class PortalChangePassword
{
    public const string MustChangeMessage = "You signed in with a one-time password. Set a new password to continue.";

    [Inject]
    public required PartnerSignInService SignIn { get; init; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "portal-change-password")]
    private PortalChangePasswordInput Input { get; set; } = default!;

    private List<string> Errors { get; } = [];

    private bool Done { get; set; }

    private bool MustChange { get; set; }

    protected override void OnInitialized()
    {
        Input ??= new PortalChangePasswordInput();
        MustChange = PartnerAuthentication.MustChangePassword(HttpContext.User);
    }

    private async Task ChangeAsync()
    {
        if (PartnerAuthentication.ClientDbIdOf(HttpContext.User) is not { } id)
        {
            Errors.Add("Sign in again.");
            return;
        }

        try
        {
            if (MustChange)
            {
                await SignIn.CompletePasswordResetAsync(id, Input.NewPassword, Input.ConfirmPassword, HttpContext.RequestAborted);
                var result = new PartnerSignInResult(PartnerSignInStatus.Succeeded, id, HttpContext.User.Identity?.Name);
                await HttpContext.SignInAsync(PartnerAuthentication.Scheme, PartnerAuthentication.CreatePrincipal(result));
                MustChange = false;
            }
            else
            {
                await SignIn.ChangePasswordAsync(id, Input.CurrentPassword, Input.NewPassword, Input.ConfirmPassword, HttpContext.RequestAborted);
            }

            Done = true;
        }
        catch (ServiceValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
        }
        catch (EntityNotFoundException)
        {
            Errors.Add("Your client no longer exists.");
        }

        Input = new PortalChangePasswordInput();
    }
}
