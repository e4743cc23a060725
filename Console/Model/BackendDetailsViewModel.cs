using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of a backend with the APIs that use it, and its delete action.</summary>
internal sealed class BackendDetailsViewModel(BackendService backends)
{
    public Backend? Backend { get; private set; }

    public IReadOnlyList<string> Dependents { get; private set; } = [];

    public bool NotFound { get; private set; }

    /// <summary>Why the last delete was refused.</summary>
    public string? Error { get; private set; }

    public async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Backend = await backends.FindAsync(id, cancellationToken);
        NotFound = Backend is null;
        Dependents = Backend is null ? [] : await backends.FindDependentsAsync(id, cancellationToken);
    }

    /// <summary>Deletes the backend; false (with <see cref="Error"/>) when refused.</summary>
    public async Task<bool> DeleteAsync(Actor actor, CancellationToken cancellationToken)
    {
        Error = null;
        if (Backend is null)
        {
            return false;
        }

        try
        {
            await backends.DeleteAsync(Backend.Id, actor, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EntityConflictException or EntityNotFoundException)
        {
            Error = ex.Message;
            return false;
        }
    }
}
