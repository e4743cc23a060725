using System.Globalization;
using System.Net;
using ApiManager.Gateway.Clients.Runtime;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Apis.Diversion;

/// <summary>An API's diversion rules in evaluation order, compiled once per snapshot and shared by concurrent requests.</summary>
internal sealed class ApiDiversionSet
{
    private readonly CompiledDiversion[] _rules;

    public ApiDiversionSet(CompiledDiversion[] rules)
    {
        _rules = rules;
    }

    public IReadOnlyList<CompiledDiversion> Rules => _rules;

    /// <summary>
    /// Compiles <paramref name="rows"/> (already ordered by position); null when there are none. Rows that would not pass
    /// the service's validation are reported in <paramref name="problems"/> with <paramref name="label"/>.
    /// </summary>
    public static ApiDiversionSet? Compile(IReadOnlyList<ApiIpDiversion>? rows, string label, List<string> problems)
    {
        if (rows is null || rows.Count == 0)
        {
            return null;
        }

        var rules = new CompiledDiversion[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!IpRange.TryParse(row.Source, out var range))
            {
                problems.Add($"{label}: diversion source '{row.Source}' is not an IP address or CIDR range.");
                return null;
            }

            if (ApiDiversionRules.TargetUrlError(row.TargetUrl) is { } error)
            {
                problems.Add($"{label}: diversion target '{row.TargetUrl}': {error}");
                return null;
            }

            var id = "diversion-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            var destination = new DestinationState(id, new DestinationModel(new DestinationConfig { Address = row.TargetUrl }));
            rules[i] = new CompiledDiversion(range.Value, destination, row.Source, row.TargetUrl);
        }

        return new ApiDiversionSet(rules);
    }

    /// <summary>The first rule whose network holds <paramref name="caller"/> (normalized), or null.</summary>
    public CompiledDiversion? Match(IPAddress caller)
    {
        var rules = _rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Range.Contains(caller))
            {
                return rules[i];
            }
        }

        return null;
    }
}
