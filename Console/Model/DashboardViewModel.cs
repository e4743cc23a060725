using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Hosting;
using ApiManager.Gateway.Runtime;

namespace ApiManager.Admin.Model;

/// <summary>Dashboard figures: catalog counts, the live gateway snapshot and the listener addresses.</summary>
internal sealed class DashboardViewModel(BackendService backends, ApiService apis, GatewayRuntimeStatus runtime, ListenerAddresses listeners)
{
    private static readonly PageRequest CountOnly = new(1, 1);

    public int BackendCount { get; private set; }

    public int ApiCount { get; private set; }

    /// <summary>APIs per status, every status present (zero included).</summary>
    public IReadOnlyDictionary<ApiStatus, int> ApisByStatus { get; private set; } = new Dictionary<ApiStatus, int>();

    public GatewayRuntimeStatus Runtime => runtime;

    public Uri? ConsoleUrl => listeners.GetUri(ListenerKind.Console);

    public Uri? GatewayUrl => listeners.GetUri(ListenerKind.Gateway);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        BackendCount = (await backends.ListAsync(CountOnly, cancellationToken)).Total;
        ApiCount = (await apis.ListAsync(CountOnly, cancellationToken)).Total;
        var byStatus = new Dictionary<ApiStatus, int>();
        foreach (var status in Enum.GetValues<ApiStatus>())
        {
            byStatus[status] = (await apis.ListAsync(CountOnly, cancellationToken, status)).Total;
        }

        ApisByStatus = byStatus;
    }
}
