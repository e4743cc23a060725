namespace ApiManager.Gateway.Common;

/// <summary>Who performs an admin write: recorded in the audit log.</summary>
/// <param name="Name">The admin user name (or token name) behind the write.</param>
/// <param name="Source">Where the write came from: <c>console</c>, <c>api</c> or <c>system</c>.</param>
public sealed record Actor(string Name, string Source)
{
    /// <summary>The product itself (seeding, jobs).</summary>
    public static Actor System { get; } = new("system", "system");
}
