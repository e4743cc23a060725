namespace ApiManager.Gateway.SecurityLevels;

/// <summary>What uses a security level: group names and client ids (what blocks its deletion).</summary>
public sealed record SecurityLevelUsage(IReadOnlyList<string> Groups, IReadOnlyList<string> Clients)
{
    public int Count => Groups.Count + Clients.Count;
}
