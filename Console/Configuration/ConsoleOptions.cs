namespace ApiManager.Admin.Configuration;

/// <summary>Section <c>Console</c>: the console listener (console, portal, admin API, metrics).</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    public string Url { get; set; } = "http://127.0.0.1:5080";
}
