using ApiManager.Gateway.Clients.Portal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Admin.Components.Portal;

/// <summary>
/// Anonymous one-time password request; always the same answer (also when throttled), so it cannot be used to probe
/// Client IDs. The client's password is not changed.
/// </summary>
public sealed partial class PortalResetPassword
{
    public const string NeutralMessage = "If this Client ID exists and has an email address, a one-time password has been sent to it. "
        + "It is valid for 30 minutes, for this portal only; your current password keeps working.";

    [Inject]
    public required PartnerSignInService SignIn { get; init; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "portal-reset")]
    private PortalResetInput Input { get; set; } = default!;

    private bool Sent { get; set; }

    protected override void OnInitialized() => Input ??= new PortalResetInput();

    private async Task RequestAsync()
    {
        await SignIn.RequestPasswordResetAsync(Input.ClientId, HttpContext.RequestAborted);
        Input.ClientId = null;
        Sent = true;
    }
}
