using ApiManager.Gateway.Common;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Admin.Model;

/// <summary>Read-only view of a security level with the groups and clients using it; set-default and delete actions.</summary>
internal sealed class SecurityLevelDetailsViewModel(SecurityLevelService levels) : DetailsViewModel<SecurityLevel>
{
    public SecurityLevel? Level => Item;

    public SecurityLevelUsage Usage { get; private set; } = new([], []);

    public Task<bool> SetDefaultAsync(Actor actor, CancellationToken cancellationToken) =>
        RunAsync(async item => Item = await levels.SetDefaultAsync(item.Id, actor, cancellationToken));

    protected override Task<SecurityLevel?> FindAsync(int id, CancellationToken cancellationToken) => levels.FindAsync(id, cancellationToken);

    protected override async Task OnLoadedAsync(int id, SecurityLevel? item, CancellationToken cancellationToken) =>
        Usage = item is null ? new SecurityLevelUsage([], []) : await levels.FindUsageAsync(id, cancellationToken);

    protected override Task DeleteItemAsync(SecurityLevel item, Actor actor, CancellationToken cancellationToken) =>
        levels.DeleteAsync(item.Id, actor, cancellationToken);
}
