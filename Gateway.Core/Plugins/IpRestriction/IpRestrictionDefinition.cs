using System.Text.Json;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Plugins.IpRestriction;

/// <summary>
/// ip-restriction (Kong's): <c>allow</c> and <c>deny</c> lists of IPv4/IPv6 addresses and CIDR ranges (at least one
/// not empty), the rejection <c>status</c> (default 403) and <c>message</c> (default "IP address not allowed: &lt;ip&gt;").
/// Allowed at every scope.
/// </summary>
internal sealed class IpRestrictionDefinition : IPluginDefinition
{
    /// <summary>Most entries per list.</summary>
    public const int MaxEntries = 1000;

    /// <summary>Longest custom message.</summary>
    public const int MaxMessageLength = 500;

    public PluginType Type => PluginType.IpRestriction;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client;

    public string DefaultConfiguration => """{"allow":[],"deny":[],"status":403,"message":null}""";

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new ValidationErrors();
        var allow = IpRangeSet.Empty;
        var deny = IpRangeSet.Empty;
        var status = 403;
        string? message = null;
        if (settings.Configuration.ValueKind != JsonValueKind.Object)
        {
            errors.Add("config", "The configuration must be a JSON object.");
        }
        else
        {
            foreach (var property in settings.Configuration.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "allow":
                        allow = ReadList(property, errors);
                        break;
                    case "deny":
                        deny = ReadList(property, errors);
                        break;
                    case "status":
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out status) || status is < 400 or > 599)
                        {
                            errors.Add("config.status", "Status must be a whole number between 400 and 599.");
                        }

                        break;
                    case "message":
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            var text = property.Value.GetString()!.Trim();
                            if (text.Length > MaxMessageLength)
                            {
                                errors.Add("config.message", $"Message must be at most {MaxMessageLength} characters.");
                            }

                            message = text.Length == 0 ? null : text;
                        }
                        else if (property.Value.ValueKind != JsonValueKind.Null)
                        {
                            errors.Add("config.message", "Message must be a text or null (the default message).");
                        }

                        break;
                    default:
                        errors.Add("config." + property.Name, $"Unknown field '{property.Name}'; ip-restriction takes allow, deny, status and message.");
                        break;
                }
            }

            if (allow.Count == 0 && deny.Count == 0 && !errors.Has("config.allow") && !errors.Has("config.deny"))
            {
                errors.Add("config.allow", "Set at least one IP address or CIDR range in allow or deny.");
            }
        }

        if (!errors.IsEmpty)
        {
            return PluginCompilation.Failure(errors.ToDictionary());
        }

        return PluginCompilation.Success(new IpRestrictionPlugin(settings.InstanceId, allow, deny, status, message));
    }

    private static IpRangeSet ReadList(JsonProperty property, ValidationErrors errors)
    {
        var field = "config." + property.Name;
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return IpRangeSet.Empty;
        }

        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"'{property.Name}' must be a list of IP addresses or CIDR ranges, e.g. [\"10.0.0.0/8\", \"2001:db8::1\"].");
            return IpRangeSet.Empty;
        }

        if (property.Value.GetArrayLength() > MaxEntries)
        {
            errors.Add(field, $"'{property.Name}' may hold at most {MaxEntries} entries.");
            return IpRangeSet.Empty;
        }

        var ranges = new List<IpRange>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (IpRange.TryParse(text, out var range))
            {
                ranges.Add(range.Value);
            }
            else
            {
                var shown = text ?? item.GetRawText();
                errors.Add($"{field}[{index}]", $"'{(shown.Length > 60 ? shown[..60] + "..." : shown)}' is not an IP address or CIDR range.");
            }

            index++;
        }

        return new IpRangeSet(ranges);
    }
}
