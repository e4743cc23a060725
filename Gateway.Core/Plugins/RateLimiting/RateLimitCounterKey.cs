namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>One rate-limit counter: a plugin instance's count for one identifier in one window of one period.</summary>
/// <param name="InstanceId">The stored plugin's id (counters survive snapshot rebuilds and configuration edits).</param>
/// <param name="Period">The window length.</param>
/// <param name="WindowStart">The window's start, UTC ticks (<see cref="RateLimitWindows.Start"/>).</param>
/// <param name="Kind">What <paramref name="Identifier"/> is.</param>
/// <param name="Identifier">Who is counted: client id, credential id, IP, header value or path.</param>
internal readonly record struct RateLimitCounterKey(int InstanceId, RateLimitPeriod Period, long WindowStart, RateLimitIdentifierKind Kind, string Identifier);
