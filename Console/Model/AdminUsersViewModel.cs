using ApiManager.Admin.Account;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>The Admin users page: the list and each action, turning refusals into messages.</summary>
internal sealed class AdminUsersViewModel(AdminUserService users)
{
    public IReadOnlyList<AdminUserInfo> Users { get; private set; } = [];

    /// <summary>Why the last action was refused.</summary>
    public string? Error { get; private set; }

    public NewAdminUser NewUser { get; set; } = new();

    /// <summary>Field errors of the create and reset-password forms.</summary>
    public FieldErrors Errors { get; } = new();

    public async Task LoadAsync(CancellationToken cancellationToken) => Users = await users.ListAsync(cancellationToken);

    /// <summary>Creates <see cref="NewUser"/>; true on success (the form is cleared).</summary>
    public Task<bool> CreateAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await users.CreateAsync(NewUser, actor, cancellationToken);
            NewUser = new NewAdminUser();
        }, cancellationToken);

    public Task<bool> SetRoleAsync(string userId, string role, Actor actor, CancellationToken cancellationToken) =>
        RunAsync(() => users.SetRoleAsync(userId, role, actor, cancellationToken), cancellationToken);

    public Task<bool> SetDisabledAsync(string userId, bool disabled, Actor actor, CancellationToken cancellationToken) =>
        RunAsync(() => users.SetDisabledAsync(userId, disabled, actor, cancellationToken), cancellationToken);

    public Task<bool> UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken) =>
        RunAsync(() => users.UnlockAsync(userId, actor, cancellationToken), cancellationToken);

    public Task<bool> ResetPasswordAsync(string userId, string password, Actor actor, CancellationToken cancellationToken) =>
        RunAsync(() => users.ResetPasswordAsync(userId, password, actor, cancellationToken), cancellationToken);

    private async Task<bool> RunAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        Error = null;
        Errors.Clear();
        var ok = false;
        try
        {
            await action();
            ok = true;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
            Error = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
        }

        await LoadAsync(cancellationToken);
        return ok;
    }
}
