using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>
/// The client security page: the client with its level, groups and scopes, the pickers' choices (only what the level
/// allows) and every security action through <see cref="ClientSecurityService"/>. Each action reloads the client and
/// leaves either <see cref="Message"/> (success) or <see cref="Error"/> / <see cref="Errors"/> set.
/// </summary>
internal sealed class ClientSecurityViewModel(ApiClientService clients, ClientSecurityService security, SecurityLevelService levels)
{
    public ApiClient? Client { get; private set; }

    public bool NotFound { get; private set; }

    public IReadOnlyList<SecurityLevel> Levels { get; private set; } = [];

    public IReadOnlyList<AssignableGroup> AssignableGroups { get; private set; } = [];

    public IReadOnlyList<AssignableScope> AssignableScopes { get; private set; } = [];

    public string? GroupSearch { get; set; }

    public int? SelectedLevelId { get; set; }

    public int? SelectedGroupId { get; set; }

    public int? SelectedScopeId { get; set; }

    public int FailedAttemptThreshold { get; set; } = ApiClient.DefaultFailedAttemptThreshold;

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }

    public FieldErrors Errors { get; } = new();

    /// <summary>Why the last action was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>What the last action did.</summary>
    public string? Message { get; private set; }

    public bool IsBusy { get; private set; }

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Client = await clients.FindAsync(id, cancellationToken);
        NotFound = Client is null;
        if (Client is null)
        {
            return;
        }

        Levels = await levels.ListAllAsync(cancellationToken);
        SelectedLevelId = Client.SecurityLevelId;
        FailedAttemptThreshold = Client.FailedAttemptThreshold;
        AssignableGroups = await security.ListAssignableGroupsAsync(id, GroupSearch, cancellationToken);
        AssignableScopes = await security.ListAssignableScopesAsync(id, null, cancellationToken);
        SelectedGroupId = null;
        SelectedScopeId = null;
    }

    /// <summary>Re-reads the group picker's choices for <see cref="GroupSearch"/>.</summary>
    public async Task SearchGroupsAsync(CancellationToken cancellationToken)
    {
        if (Client is not null)
        {
            AssignableGroups = await security.ListAssignableGroupsAsync(Client.Id, GroupSearch, cancellationToken);
        }
    }

    public Task<bool> SetLevelAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(SelectedLevelId is { } level ? (id, ct) => security.SetSecurityLevelAsync(id, level, actor, ct) : null, "Security level changed.", cancellationToken);

    public Task<bool> AddGroupAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(SelectedGroupId is { } group ? (id, ct) => security.AddGroupsAsync(id, [group], actor, ct) : null, "Group added.", cancellationToken);

    public Task<bool> RemoveGroupAsync(int groupId, Actor actor, CancellationToken cancellationToken) =>
        RunAsync((id, ct) => security.RemoveGroupAsync(id, groupId, actor, ct), "Group removed.", cancellationToken);

    public Task<bool> AddScopeAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(SelectedScopeId is { } scope ? (id, ct) => security.AddScopesAsync(id, [scope], actor, ct) : null, "Scope added.", cancellationToken);

    public Task<bool> RemoveScopeAsync(int scopeId, Actor actor, CancellationToken cancellationToken) =>
        RunAsync((id, ct) => security.RemoveScopeAsync(id, scopeId, actor, ct), "Scope removed.", cancellationToken);

    public Task<bool> SetThresholdAsync(Actor actor, CancellationToken cancellationToken)
    {
        var threshold = FailedAttemptThreshold;
        return RunAsync((id, ct) => security.SetFailedAttemptThresholdAsync(id, threshold, actor, ct), "Allowed failed attempts saved.", cancellationToken);
    }

    public Task<bool> UnlockAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync((id, ct) => security.UnlockAsync(id, actor, ct), "Client unlocked.", cancellationToken);

    public Task<bool> ResetAttemptsAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync((id, ct) => security.ResetFailedAttemptsAsync(id, actor, ct), "Failed attempts reset.", cancellationToken);

    public async Task<bool> SetPasswordAsync(Actor actor, CancellationToken cancellationToken)
    {
        var password = NewPassword;
        var confirm = ConfirmPassword;
        var done = await RunAsync((id, ct) => security.SetPasswordAsync(id, password, confirm, actor, ct), "Password changed.", cancellationToken);
        if (done)
        {
            NewPassword = null;
            ConfirmPassword = null;
        }

        return done;
    }

    public Task<bool> ResetPasswordAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync((id, ct) => security.ResetPasswordAsync(id, actor, ct), "A one-time password was queued for the client's email addresses.", cancellationToken);

    private async Task<bool> RunAsync(Func<int, CancellationToken, Task>? action, string done, CancellationToken cancellationToken)
    {
        Errors.Clear();
        Error = null;
        Message = null;
        if (Client is null)
        {
            return false;
        }

        if (action is null)
        {
            Error = "Choose an item first.";
            return false;
        }

        IsBusy = true;
        try
        {
            await action(Client.Id, cancellationToken);
            Message = done;
            await LoadAsync(Client.Id, cancellationToken);
            return true;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
            Error = string.Join(" ", ex.Errors.Values.SelectMany(m => m));
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
        }
        finally
        {
            IsBusy = false;
        }

        return false;
    }
}
