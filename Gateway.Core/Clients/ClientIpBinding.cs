namespace ApiManager.Gateway.Clients;

/// <summary>One IP binding entry: a host name and its IP (or CIDR). An empty list means any IP.</summary>
public sealed class ClientIpBinding
{
    public int Id { get; set; }
    public int ApiClientId { get; set; }
    public required string HostName { get; set; }
    public required string IpAddress { get; set; }
}
