using ApiManager.Gateway.Clients.Runtime;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Management;

/// <summary>Fails startup when a trusted proxy or internal network entry is not an IP address or CIDR range.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check("Gateway:TrustedProxies", options.TrustedProxies, failures);
        Check("Gateway:InternalNetworks", options.InternalNetworks, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string key, string[]? entries, List<string> failures)
    {
        foreach (var entry in entries ?? [])
        {
            if (!IpRange.TryParse(entry, out _))
            {
                failures.Add($"{key}: '{entry}' is not an IP address or CIDR range.");
            }
        }
    }
}
