namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>A rate-limiting window length; each is a fixed window aligned to the UTC calendar (<see cref="RateLimitWindows"/>).</summary>
internal enum RateLimitPeriod : byte
{
    Second = 0,
    Minute = 1,
    Hour = 2,
    Day = 3,
    Month = 4,
    Year = 5,
}
