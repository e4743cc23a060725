using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of a security level with the groups and clients using it; set-default and delete actions.</summary>
internal sealed class SecurityLevelDetailsViewModel(SecurityLevelService levels)
{
    public SecurityLevel? Level { get; private set; }

    public SecurityLevelUsage Usage { get; private set; } = new([], []);

    public bool NotFound { get; private set; }

    /// <summary>Why the last action was refused.</summary>
    public string? Error { get; private set; }

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Level = await levels.FindAsync(id, cancellationToken);
        NotFound = Level is null;
        Usage = Level is null ? new SecurityLevelUsage([], []) : await levels.FindUsageAsync(id, cancellationToken);
    }

    public async Task<bool> SetDefaultAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Level is null)
        {
            return false;
        }

        try
        {
            Level = await levels.SetDefaultAsync(Level.Id, actor, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }

    public async Task<bool> DeleteAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Level is null)
        {
            return false;
        }

        try
        {
            await levels.DeleteAsync(Level.Id, actor, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }
}
