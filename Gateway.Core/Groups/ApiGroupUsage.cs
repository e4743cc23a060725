namespace ApiManager.Gateway.Groups;

/// <summary>Who holds a group: client ids and scope names (what blocks its deletion).</summary>
public sealed record ApiGroupUsage(IReadOnlyList<string> Clients, IReadOnlyList<string> Scopes)
{
    public int Count => Clients.Count + Scopes.Count;
}
