using System.Globalization;
using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of an API user with its actions: set password, enable, disable, unlock, delete.</summary>
internal sealed class ApiUserDetailsViewModel(ApiUserService users, TimeProvider timeProvider) : DetailsViewModel<ApiUser>
{
    public ApiUser? User => Item;

    /// <summary>True while the user is locked now (an automatic lockout that ran out no longer counts).</summary>
    public bool IsLocked => Item?.IsLockedAt(timeProvider.GetUtcNow().UtcDateTime) == true;

    public bool CanEnable => Item is { Status: not ApiUserStatus.Enabled };

    public bool CanDisable => Item is { Status: not ApiUserStatus.Disabled };

    public bool CanUnlock => Item is { } user && (user.Status == ApiUserStatus.Locked || user.FailedAttempts > 0);

    /// <summary>The status as the page reads it, e.g. "Locked until 2026-11-22 12:15:00 UTC".</summary>
    public string StatusText => Item is { } user ? ApiUserStatusText.Of(user, timeProvider.GetUtcNow().UtcDateTime) : "";

    /// <summary>"Any client" or the allowed Client IDs.</summary>
    public string ClientsText => Item is { } user ? ApiUserStatusText.Clients(user) : "";

    public string FailedAttemptsText => Item is { } user ? user.FailedAttempts.ToString(CultureInfo.InvariantCulture) : "";

    public Task<bool> EnableAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(async item => Item = await users.EnableAsync(item.Id, actor, cancellationToken));

    public Task<bool> DisableAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(async item => Item = await users.DisableAsync(item.Id, actor, cancellationToken));

    public Task<bool> UnlockAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(async item => Item = await users.UnlockAsync(item.Id, actor, cancellationToken));

    /// <summary>Sets a new password; the field errors (field → message), empty when it was saved.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SetPasswordAsync(string? password, string? confirmPassword, Actor actor, CancellationToken cancellationToken)
    {
        if (Item is not { } user)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { ["password"] = "The API user is not loaded." };
        }

        try
        {
            await users.SetPasswordAsync(user.Id, password, confirmPassword, actor, cancellationToken);
            Item = await users.FindAsync(user.Id, cancellationToken) ?? user;
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (ServiceValidationException ex)
        {
            return ex.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.Ordinal);
        }
        catch (EntityNotFoundException ex)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { ["password"] = ex.Message };
        }
    }

    protected override Task<ApiUser?> FindAsync(int id, CancellationToken cancellationToken) => users.FindAsync(id, cancellationToken);

    protected override Task DeleteItemAsync(ApiUser item, Actor actor, CancellationToken cancellationToken) => users.DeleteAsync(item.Id, actor, cancellationToken);
}
