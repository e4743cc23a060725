using System.Globalization;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Plugins;

namespace ApiManager.Gateway.Upstreams;

/// <summary>
/// Checks <see cref="UpstreamHealthchecks"/> with Kong's ranges (counts 0–255, statuses 100–999, intervals and timeout in
/// seconds, fractions allowed) and returns them normalized; errors are keyed like <c>healthchecks.active.healthy.interval</c>.
/// </summary>
internal static class UpstreamHealthchecksValidator
{
    public const string Prefix = "healthchecks";
    public const int MaxCount = 255;
    public const double MaxSeconds = 65535;
    public const int MaxConcurrency = 1024;
    public const int MaxStatuses = 100;
    public const int MaxHeaders = 20;

    public static UpstreamHealthchecks Validate(UpstreamHealthchecks? input, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        input ??= new UpstreamHealthchecks();
        return new UpstreamHealthchecks
        {
            Active = Active(input.Active ?? new ActiveHealthcheck(), errors, Prefix + ".active"),
            Passive = Passive(input.Passive ?? new PassiveHealthcheck(), errors, Prefix + ".passive"),
        };
    }

    private static ActiveHealthcheck Active(ActiveHealthcheck active, ValidationErrors errors, string prefix)
    {
        var healthy = active.Healthy ?? new ActiveHealthy();
        var unhealthy = active.Unhealthy ?? new ActiveUnhealthy();
        var path = string.IsNullOrWhiteSpace(active.HttpPath) ? "/" : active.HttpPath.Trim();
        if (path[0] != '/' || path.Length > 500 || !Uri.IsWellFormedUriString(path, UriKind.Relative) || path.Contains('#', StringComparison.Ordinal))
        {
            errors.Add(prefix + ".httpPath", "HTTP path must start with '/' and be a valid URL path (up to 500 characters).");
        }

        var timeout = active.Timeout;
        if (!double.IsFinite(timeout) || timeout <= 0 || timeout > MaxSeconds)
        {
            errors.Add(prefix + ".timeout", $"Timeout must be more than 0 and at most {MaxSeconds} seconds.");
        }

        if (active.Concurrency is < 1 or > MaxConcurrency)
        {
            errors.Add(prefix + ".concurrency", $"Concurrency must be between 1 and {MaxConcurrency}.");
        }

        return new ActiveHealthcheck
        {
            Type = Type(active.Type, HealthcheckTypes.Active, errors, prefix + ".type"),
            HttpPath = path,
            Timeout = timeout,
            Concurrency = active.Concurrency,
            HttpsVerifyCertificate = active.HttpsVerifyCertificate,
            Headers = Headers(active.Headers, errors, prefix + ".headers"),
            Healthy = new ActiveHealthy
            {
                Interval = Interval(healthy.Interval, errors, prefix + ".healthy.interval"),
                HttpStatuses = Statuses(healthy.HttpStatuses, errors, prefix + ".healthy.httpStatuses"),
                Successes = Count(healthy.Successes, errors, prefix + ".healthy.successes"),
            },
            Unhealthy = new ActiveUnhealthy
            {
                Interval = Interval(unhealthy.Interval, errors, prefix + ".unhealthy.interval"),
                HttpStatuses = Statuses(unhealthy.HttpStatuses, errors, prefix + ".unhealthy.httpStatuses"),
                TcpFailures = Count(unhealthy.TcpFailures, errors, prefix + ".unhealthy.tcpFailures"),
                Timeouts = Count(unhealthy.Timeouts, errors, prefix + ".unhealthy.timeouts"),
                HttpFailures = Count(unhealthy.HttpFailures, errors, prefix + ".unhealthy.httpFailures"),
            },
        };
    }

    private static PassiveHealthcheck Passive(PassiveHealthcheck passive, ValidationErrors errors, string prefix)
    {
        var healthy = passive.Healthy ?? new PassiveHealthy();
        var unhealthy = passive.Unhealthy ?? new PassiveUnhealthy();
        return new PassiveHealthcheck
        {
            Type = Type(passive.Type, HealthcheckTypes.Passive, errors, prefix + ".type"),
            Healthy = new PassiveHealthy
            {
                HttpStatuses = Statuses(healthy.HttpStatuses, errors, prefix + ".healthy.httpStatuses"),
                Successes = Count(healthy.Successes, errors, prefix + ".healthy.successes"),
            },
            Unhealthy = new PassiveUnhealthy
            {
                HttpStatuses = Statuses(unhealthy.HttpStatuses, errors, prefix + ".unhealthy.httpStatuses"),
                TcpFailures = Count(unhealthy.TcpFailures, errors, prefix + ".unhealthy.tcpFailures"),
                Timeouts = Count(unhealthy.Timeouts, errors, prefix + ".unhealthy.timeouts"),
                HttpFailures = Count(unhealthy.HttpFailures, errors, prefix + ".unhealthy.httpFailures"),
            },
        };
    }

    private static string Type(string? value, IReadOnlyList<string> allowed, ValidationErrors errors, string field)
    {
        var type = string.IsNullOrWhiteSpace(value) ? HealthcheckTypes.Http : value.Trim().ToLowerInvariant();
        if (!allowed.Contains(type))
        {
            errors.Add(field, "Type must be one of: " + string.Join(", ", allowed) + ".");
        }

        return type;
    }

    private static double Interval(double value, ValidationErrors errors, string field)
    {
        if (!double.IsFinite(value) || value < 0 || value > MaxSeconds)
        {
            errors.Add(field, $"Interval must be between 0 (off) and {MaxSeconds} seconds.");
        }

        return value;
    }

    private static int Count(int value, ValidationErrors errors, string field)
    {
        if (value is < 0 or > MaxCount)
        {
            errors.Add(field, $"Must be between 0 (never) and {MaxCount}.");
        }

        return value;
    }

    private static IReadOnlyList<int> Statuses(IReadOnlyList<int>? values, ValidationErrors errors, string field)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxStatuses)
        {
            errors.Add(field, $"At most {MaxStatuses} statuses.");
        }

        var bad = values.Where(v => v is < 100 or > 999).Distinct().ToList();
        if (bad.Count > 0)
        {
            errors.Add(field, "HTTP statuses must be between 100 and 999: " + string.Join(", ", bad.Select(b => b.ToString(CultureInfo.InvariantCulture))) + ".");
        }

        return [.. values.Distinct()];
    }

    private static Dictionary<string, IReadOnlyList<string>> Headers(IReadOnlyDictionary<string, IReadOnlyList<string>>? headers, ValidationErrors errors, string field)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (headers is null)
        {
            return result;
        }

        if (headers.Count > MaxHeaders)
        {
            errors.Add(field, $"At most {MaxHeaders} headers.");
        }

        foreach (var (name, values) in headers)
        {
            var key = name?.Trim() ?? "";
            if (!HttpSyntax.IsToken(key) || key.Length > 100)
            {
                errors.Add(field, $"'{key}' is not a valid header name.");
                continue;
            }

            var list = (values ?? []).Select(v => v?.Trim() ?? "").ToList();
            if (list.Count == 0 || list.Any(v => v.Length > 1000 || !HttpSyntax.IsHeaderValue(v)))
            {
                errors.Add(field, $"Header '{key}' needs one or more values of visible characters without line breaks.");
                continue;
            }

            result[key] = list;
        }

        return result;
    }
}
