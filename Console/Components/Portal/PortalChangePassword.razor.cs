using ApiManager.Admin.Portal;
using ApiManager.Gateway.Clients.Portal;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Admin.Components.Portal;

/// <summary>Static server-rendered password change of the signed-in partner: current password checked, new one hashed by the client service.</summary>
public sealed partial class PortalChangePassword
{
    [Inject]
    public required PartnerSignInService SignIn { get; init; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "portal-change-password")]
    private PortalChangePasswordInput Input { get; set; } = default!;

    private List<string> Errors { get; } = [];

    private bool Done { get; set; }

    protected override void OnInitialized() => Input ??= new PortalChangePasswordInput();

    private async Task ChangeAsync()
    {
        if (PartnerAuthentication.ClientDbIdOf(HttpContext.User) is not { } id)
        {
            Errors.Add("Sign in again.");
            return;
        }

        try
        {
            await SignIn.ChangePasswordAsync(id, Input.CurrentPassword, Input.NewPassword, Input.ConfirmPassword, HttpContext.RequestAborted);
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
