using System.Globalization;
using ApiManager.Admin.Portal;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Portal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ApiManager.Admin.Components.Portal;

/// <summary>The partner's home: its client, validity, quota, and the groups (direct and via scopes) with their APIs.</summary>
public sealed partial class PortalHome
{
    [Inject]
    public required PartnerSignInService SignIn { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private PartnerProfile? Profile { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var state = await AuthenticationState;
        if (PartnerAuthentication.ClientDbIdOf(state.User) is { } id)
        {
            Profile = await SignIn.GetProfileAsync(id, CancellationToken.None);
        }
    }

    internal static string DateText(DateOnly? date, string none) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? none;

    internal static string ServiceTimeText(PartnerProfile profile) =>
        profile.ServiceStartTime is null && profile.ServiceEndTime is null
            ? "Any time"
            : $"{Time(profile.ServiceStartTime ?? TimeOnly.MinValue)}–{Time(profile.ServiceEndTime ?? TimeOnly.MaxValue)}";

    internal static string QuotaText(PartnerProfile profile) =>
        profile.ApiQuota <= 0 ? "Unlimited" : profile.ApiQuota.ToString("N0", CultureInfo.InvariantCulture) + " calls";

    internal static string ResetText(QuotaResetPeriod period) => period switch
    {
        QuotaResetPeriod.Daily => "Daily",
        QuotaResetPeriod.Weekly => "Weekly",
        QuotaResetPeriod.Monthly => "Monthly",
        _ => "Never",
    };

    internal static string HeldText(PartnerGroup group)
    {
        var via = group.ViaScopes.Count == 0 ? null : "via scope " + string.Join(", ", group.ViaScopes);
        return (group.Direct, via) switch
        {
            (true, null) => "held directly",
            (true, _) => "held directly and " + via,
            _ => "held " + via,
        };
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
