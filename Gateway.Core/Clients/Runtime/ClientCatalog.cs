using System.Collections.Frozen;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>The clients of one snapshot, by Client ID (case-insensitive), and the warnings met while building them.</summary>
internal sealed class ClientCatalog(FrozenDictionary<string, ClientEntry> clients, IReadOnlyList<string> warnings)
{
    public static ClientCatalog Empty { get; } = new(new Dictionary<string, ClientEntry>().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), []);

    public FrozenDictionary<string, ClientEntry> Clients { get; } = clients;

    /// <summary>The same clients by database id.</summary>
    public FrozenDictionary<int, ClientEntry> ById { get; } = clients.Values.ToFrozenDictionary(c => c.Id);

    /// <summary>Rows served with a fallback (unknown time zone, unparsable IP binding).</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;

    public bool TryGet(string clientId, out ClientEntry entry) => Clients.TryGetValue(clientId, out entry!);
}
