namespace ApiManager.Gateway.CallLog;

/// <summary>An API the call log can be filtered by.</summary>
public sealed record CallLogApiOption(int Id, string Name, string Version)
{
    public string Label => string.IsNullOrEmpty(Version) ? Name : Name + " " + Version;
}
