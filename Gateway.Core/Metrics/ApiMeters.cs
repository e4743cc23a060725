using System.Diagnostics;
using Prometheus;

namespace ApiManager.Gateway.Metrics;

/// <summary>One API's request counters (by status class) and latency histogram, resolved once per snapshot.</summary>
internal sealed class ApiMeters
{
    private readonly Counter.Child[] _byStatusClass;
    private readonly Histogram.Child _duration;

    /// <param name="byStatusClass">Index 0 for out-of-range statuses, 1–5 for 1xx–5xx.</param>
    /// <param name="duration">The latency histogram child.</param>
    public ApiMeters(Counter.Child[] byStatusClass, Histogram.Child duration)
    {
        if (byStatusClass.Length != 6)
        {
            throw new ArgumentException("Six counters are expected (other, 1xx … 5xx).", nameof(byStatusClass));
        }

        _byStatusClass = byStatusClass;
        _duration = duration;
    }

    /// <summary>Counts one request and its latency since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Record(int statusCode, long startTimestamp)
    {
        Count(statusCode);
        _duration.Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }

    /// <summary>Counts one request without a latency sample.</summary>
    public void Count(int statusCode)
    {
        var index = (uint)statusCode / 100;
        _byStatusClass[index is >= 1 and <= 5 ? index : 0].Inc();
    }
}
