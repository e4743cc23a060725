using ApiManager.Admin.Portal;
using ApiManager.Gateway.Clients.Portal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Admin.Components.Portal;

/// <summary>
/// Static server-rendered partner sign-in: Client ID and password (or a mailed one-time password, which leads to the
/// forced password change) with the gateway's lockout rules.
/// </summary>
public sealed partial class PortalLogin
{
    public const string InvalidMessage = "Invalid Client ID or password.";
    public const string DisabledMessage = "This client is disabled. Ask your API provider to enable it.";
    public const string LockedMessage = "This client is locked after too many wrong passwords. Ask your API provider to unlock it.";

    [Inject]
    public required PartnerSignInService SignIn { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "portal-login")]
    private PortalLoginInput Input { get; set; } = default!;

    private string? Message { get; set; }

    protected override void OnInitialized() => Input ??= new PortalLoginInput();

    private async Task LoginAsync()
    {
        var result = await SignIn.SignInAsync(Input.ClientId, Input.Password, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case PartnerSignInStatus.Succeeded:
                await HttpContext.SignInAsync(PartnerAuthentication.Scheme, PartnerAuthentication.CreatePrincipal(result));
                // A one-time password only opens the password change.
                Navigation.NavigateTo(result.MustChangePassword ? PartnerAuthentication.ChangePasswordPath : PartnerAuthentication.BasePath, forceLoad: true);
                return;
            case PartnerSignInStatus.Disabled:
                Message = DisabledMessage;
                return;
            case PartnerSignInStatus.Locked:
                Message = LockedMessage;
                return;
            default:
                Message = InvalidMessage;
                return;
        }
    }
}
