namespace ApiManager.Gateway.Upstreams;

/// <summary>What consistent hashing hashes (<c>hash_on</c> / <c>hash_fallback</c>), by their Kong names.</summary>
public static class UpstreamHashKinds
{
    public const string None = "none";
    public const string Consumer = "consumer";
    public const string Ip = "ip";
    public const string Header = "header";
    public const string Cookie = "cookie";
    public const string Path = "path";
    public const string QueryArg = "query_arg";

    public static readonly IReadOnlyList<string> All = [None, Consumer, Ip, Header, Cookie, Path, QueryArg];
}
