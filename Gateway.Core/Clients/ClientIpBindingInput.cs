namespace ApiManager.Gateway.Clients;

/// <summary>One IP binding row as an admin submits it: a DNS host name and an IPv4/IPv6 address or CIDR range.</summary>
public sealed record ClientIpBindingInput
{
    public string HostName { get; init; } = "";
    public string IpAddress { get; init; } = "";
}
