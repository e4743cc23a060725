using System.Globalization;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// Header values for counts (rate limits, TPS, Age, Retry-After): the strings of 0–1023 are made once, larger numbers are
/// formatted per call.
/// </summary>
internal static class NumberText
{
    private static readonly string[] Small = [.. Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static string Of(long value) =>
        (ulong)value < (ulong)Small.Length ? Small[value] : value.ToString(CultureInfo.InvariantCulture);
}
