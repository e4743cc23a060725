using System.Globalization;
using ApiManager.Gateway.Upstreams;

namespace ApiManager.Admin.Components.Pages.Upstreams;

/// <summary>
/// The editable copy of an upstream's health checks: status lists as comma-separated text and headers as
/// "Name: value" lines, turned back into settings by <see cref="ToSettings"/> (text that does not parse becomes a field error
/// keyed like the service's, e.g. <c>healthchecks.active.healthy.httpStatuses</c>).
/// </summary>
public sealed class HealthchecksForm
{
    public string ActiveType { get; set; } = HealthcheckTypes.Http;
    public string HttpPath { get; set; } = "/";
    public double Timeout { get; set; } = ActiveHealthcheck.DefaultTimeout;
    public int Concurrency { get; set; } = ActiveHealthcheck.DefaultConcurrency;
    public bool VerifyCertificate { get; set; } = true;
    public string Headers { get; set; } = "";
    public double HealthyInterval { get; set; }
    public string HealthyStatuses { get; set; } = Join(ActiveHealthy.DefaultStatuses);
    public int HealthySuccesses { get; set; }
    public double UnhealthyInterval { get; set; }
    public string UnhealthyStatuses { get; set; } = Join(ActiveUnhealthy.DefaultStatuses);
    public int UnhealthyTcpFailures { get; set; }
    public int UnhealthyTimeouts { get; set; }
    public int UnhealthyHttpFailures { get; set; }
    public string PassiveType { get; set; } = HealthcheckTypes.Http;
    public string PassiveHealthyStatuses { get; set; } = Join(PassiveHealthy.DefaultStatuses);
    public int PassiveSuccesses { get; set; }
    public string PassiveUnhealthyStatuses { get; set; } = Join(PassiveUnhealthy.DefaultStatuses);
    public int PassiveTcpFailures { get; set; }
    public int PassiveTimeouts { get; set; }
    public int PassiveHttpFailures { get; set; }

    internal static HealthchecksForm From(UpstreamHealthchecks settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var active = settings.Active;
        var passive = settings.Passive;
        return new HealthchecksForm
        {
            ActiveType = active.Type,
            HttpPath = active.HttpPath,
            Timeout = active.Timeout,
            Concurrency = active.Concurrency,
            VerifyCertificate = active.HttpsVerifyCertificate,
            Headers = string.Join("\n", active.Headers.SelectMany(h => h.Value.Select(v => h.Key + ": " + v))),
            HealthyInterval = active.Healthy.Interval,
            HealthyStatuses = Join(active.Healthy.HttpStatuses),
            HealthySuccesses = active.Healthy.Successes,
            UnhealthyInterval = active.Unhealthy.Interval,
            UnhealthyStatuses = Join(active.Unhealthy.HttpStatuses),
            UnhealthyTcpFailures = active.Unhealthy.TcpFailures,
            UnhealthyTimeouts = active.Unhealthy.Timeouts,
            UnhealthyHttpFailures = active.Unhealthy.HttpFailures,
            PassiveType = passive.Type,
            PassiveHealthyStatuses = Join(passive.Healthy.HttpStatuses),
            PassiveSuccesses = passive.Healthy.Successes,
            PassiveUnhealthyStatuses = Join(passive.Unhealthy.HttpStatuses),
            PassiveTcpFailures = passive.Unhealthy.TcpFailures,
            PassiveTimeouts = passive.Unhealthy.Timeouts,
            PassiveHttpFailures = passive.Unhealthy.HttpFailures,
        };
    }

    /// <summary>The settings, or null with <paramref name="errors"/> filled when a status list or header line does not parse.</summary>
    internal UpstreamHealthchecks? ToSettings(Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        const string Active = "healthchecks.active.";
        const string Passive = "healthchecks.passive.";
        var settings = new UpstreamHealthchecks
        {
            Active = new ActiveHealthcheck
            {
                Type = ActiveType,
                HttpPath = HttpPath,
                Timeout = Timeout,
                Concurrency = Concurrency,
                HttpsVerifyCertificate = VerifyCertificate,
                Headers = ParseHeaders(Headers, errors, Active + "headers"),
                Healthy = new ActiveHealthy { Interval = HealthyInterval, HttpStatuses = ParseStatuses(HealthyStatuses, errors, Active + "healthy.httpStatuses"), Successes = HealthySuccesses },
                Unhealthy = new ActiveUnhealthy
                {
                    Interval = UnhealthyInterval,
                    HttpStatuses = ParseStatuses(UnhealthyStatuses, errors, Active + "unhealthy.httpStatuses"),
                    TcpFailures = UnhealthyTcpFailures,
                    Timeouts = UnhealthyTimeouts,
                    HttpFailures = UnhealthyHttpFailures,
                },
            },
            Passive = new PassiveHealthcheck
            {
                Type = PassiveType,
                Healthy = new PassiveHealthy { HttpStatuses = ParseStatuses(PassiveHealthyStatuses, errors, Passive + "healthy.httpStatuses"), Successes = PassiveSuccesses },
                Unhealthy = new PassiveUnhealthy
                {
                    HttpStatuses = ParseStatuses(PassiveUnhealthyStatuses, errors, Passive + "unhealthy.httpStatuses"),
                    TcpFailures = PassiveTcpFailures,
                    Timeouts = PassiveTimeouts,
                    HttpFailures = PassiveHttpFailures,
                },
            },
        };
        return errors.Count == 0 ? settings : null;
    }

    private static string Join(IReadOnlyList<int> statuses) => string.Join(", ", statuses.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    private static List<int> ParseStatuses(string? text, Dictionary<string, string[]> errors, string field)
    {
        var result = new List<int>();
        var bad = new List<string>();
        foreach (var part in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                result.Add(status);
            }
            else
            {
                bad.Add(part);
            }
        }

        if (bad.Count > 0)
        {
            errors[field] = ["Write HTTP statuses as numbers separated by commas (not: " + string.Join(", ", bad) + ")."];
        }

        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>> ParseHeaders(string? text, Dictionary<string, string[]> errors, string field)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors[field] = ["Write one header per line as Name: value."];
                continue;
            }

            var name = line[..colon].Trim();
            if (!result.TryGetValue(name, out var values))
            {
                values = [];
                result[name] = values;
            }

            values.Add(line[(colon + 1)..].Trim());
        }

        return result.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)h.Value, StringComparer.OrdinalIgnoreCase);
    }
}
