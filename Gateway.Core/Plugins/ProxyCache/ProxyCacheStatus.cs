namespace ApiManager.Gateway.Plugins.ProxyCache;

/// <summary>Values of <c>X-Cache-Status</c> (also recorded in the call's facts).</summary>
internal static class ProxyCacheStatus
{
    public const string HeaderName = "X-Cache-Status";
    public const string Hit = "Hit";
    public const string Miss = "Miss";
    public const string Bypass = "Bypass";
}
