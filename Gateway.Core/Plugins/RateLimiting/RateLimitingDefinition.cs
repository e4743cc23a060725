using System.Globalization;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>
/// Kong's <c>rate-limiting</c>: limits per second, minute, hour, day, month and year in calendar-aligned UTC windows,
/// counted per consumer, credential, IP, header value or path in an <see cref="IRateLimitCounterStore"/>.
/// </summary>
internal sealed class RateLimitingDefinition(IRateLimitCounterStore store, TimeProvider timeProvider, GatewayNetworks networks) : IPluginDefinition
{
    public const string LimitBy = "limit_by";
    public const string HeaderName = "header_name";
    public const string Path = "path";
    public const string Policy = "policy";
    public const string FaultTolerant = "fault_tolerant";
    public const string HideClientHeaders = "hide_client_headers";

    private static readonly string[] Fields =
        [.. RateLimitWindows.FieldNames, LimitBy, HeaderName, Path, Policy, FaultTolerant, HideClientHeaders];

    private static readonly string[] LimitByNames = ["consumer", "credential", "ip", "header", "path"];

    public PluginType Type => PluginType.RateLimiting;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client;

    public string DefaultConfiguration =>
        """{"second":null,"minute":null,"hour":null,"day":null,"month":null,"year":null,"limit_by":"consumer","header_name":null,"path":null,"policy":"local","fault_tolerant":true,"hide_client_headers":false}""";

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = new PluginConfigReader(settings.Configuration, Fields);
        var limits = new List<RateLimitingPlugin.PeriodLimit>();
        RateLimitingPlugin.PeriodLimit? previous = null;
        for (var p = RateLimitPeriod.Second; p <= RateLimitPeriod.Year; p++)
        {
            var field = RateLimitWindows.FieldNames[(int)p];
            if (reader.PositiveInteger(field) is not { } limit)
            {
                continue;
            }

            if (previous is { } shorter && limit < shorter.Limit)
            {
                reader.Add(PluginConfigReader.Key(field),
                    $"The limit per {field} ({limit.ToString(CultureInfo.InvariantCulture)}) cannot be lower than the limit per {RateLimitWindows.FieldNames[(int)shorter.Period]} ({shorter.Limit.ToString(CultureInfo.InvariantCulture)}).");
            }

            previous = new RateLimitingPlugin.PeriodLimit(p, limit);
            limits.Add(previous.Value);
        }

        if (limits.Count == 0 && !reader.HasErrors)
        {
            reader.Add("config", "Set at least one limit: second, minute, hour, day, month or year.");
        }

        var limitBy = (RateLimitLimitBy)Array.IndexOf(LimitByNames, reader.Choice(LimitBy, "consumer", LimitByNames));
        var headerName = reader.Text(HeaderName);
        var path = reader.Text(Path);
        if (limitBy == RateLimitLimitBy.Header)
        {
            if (headerName is null)
            {
                reader.Add(PluginConfigReader.Key(HeaderName), "Required when limit_by is header.");
            }
            else if (!HttpSyntax.IsToken(headerName))
            {
                reader.Add(PluginConfigReader.Key(HeaderName), "Must be a header name (letters, digits and !#$%&'*+-.^_`|~).");
            }
        }

        if (limitBy == RateLimitLimitBy.Path)
        {
            if (path is null)
            {
                reader.Add(PluginConfigReader.Key(Path), "Required when limit_by is path.");
            }
            else if (!path.StartsWith('/') || path.Contains('?') || path.Contains('#'))
            {
                reader.Add(PluginConfigReader.Key(Path), "Must be a request path starting with '/' (no query).");
            }
        }

        var policy = reader.Text(Policy);
        if (policy is not null && !string.Equals(policy, "local", StringComparison.OrdinalIgnoreCase))
        {
            reader.Add(PluginConfigReader.Key(Policy), string.Equals(policy, "redis", StringComparison.OrdinalIgnoreCase) || string.Equals(policy, "cluster", StringComparison.OrdinalIgnoreCase)
                ? $"Only the local policy is available: {policy.ToLowerInvariant()} arrives with the scale-out work (redis)."
                : "Must be local (redis arrives with the scale-out work).");
        }

        var faultTolerant = reader.Boolean(FaultTolerant, true);
        var hideClientHeaders = reader.Boolean(HideClientHeaders, false);
        if (reader.HasErrors)
        {
            return reader.Failure();
        }

        return PluginCompilation.Success(new RateLimitingPlugin(
            settings.InstanceId,
            [.. limits],
            limitBy,
            limitBy == RateLimitLimitBy.Header ? headerName : null,
            limitBy == RateLimitLimitBy.Path ? path : null,
            faultTolerant,
            hideClientHeaders,
            store,
            timeProvider,
            networks));
    }
}
