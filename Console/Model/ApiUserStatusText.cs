using ApiManager.Gateway.ApiUsers;

namespace ApiManager.Admin.Model;

/// <summary>How an API user's status and client restriction read on the console.</summary>
internal static class ApiUserStatusText
{
    /// <summary>"Enabled", "Disabled", "Locked until … UTC", "Locked until unlocked", or "Enabled (lockout ended)".</summary>
    public static string Of(ApiUser user, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Status switch
        {
            ApiUserStatus.Enabled => "Enabled",
            ApiUserStatus.Disabled => "Disabled",
            ApiUserStatus.Locked when !user.IsLockedAt(utcNow) => "Enabled (lockout ended)",
            ApiUserStatus.Locked when user.LockedUntil is { } until => "Locked until " + until.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC",
            ApiUserStatus.Locked => "Locked until unlocked",
            _ => user.Status.ToString(),
        };
    }

    /// <summary>"Any client", "No client (its clients were deleted)" or the allowed Client IDs.</summary>
    public static string Clients(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var clients = ApiUserInput.AllowedClientIds(user);
        if (!user.RestrictedToClients)
        {
            return "Any client";
        }

        return clients.Count == 0 ? "No client (its allowed clients were deleted)" : string.Join(", ", clients);
    }
}
