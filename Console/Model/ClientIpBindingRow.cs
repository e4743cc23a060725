namespace ApiManager.Admin.Model;

/// <summary>One editable IP binding row of the client form.</summary>
internal sealed class ClientIpBindingRow
{
    public string HostName { get; set; } = "";
    public string IpAddress { get; set; } = "";
}
