using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Components.Pages.Clients.Security;

/// <summary>
/// What the security page cascades to its tabs: the shared view model, whether the user may write, who acts, the
/// page's cancellation token and the callback that re-renders the page after an action. New tabs (token settings,
/// X-Api-Key) take the same context.
/// </summary>
internal sealed class ClientSecurityContext(ClientSecurityViewModel viewModel, bool canWrite, Actor actor, Func<Task> changed, CancellationToken pageToken)
{
    public ClientSecurityViewModel ViewModel { get; } = viewModel;

    public bool CanWrite { get; } = canWrite;

    public Actor Actor { get; } = actor;

    public CancellationToken PageToken { get; } = pageToken;

    /// <summary>Runs <paramref name="action"/> and re-renders the page.</summary>
    public async Task RunAsync(Func<ClientSecurityViewModel, Actor, CancellationToken, Task<bool>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await action(ViewModel, Actor, PageToken);
        await changed();
    }
}
