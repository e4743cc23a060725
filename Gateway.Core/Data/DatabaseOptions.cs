namespace ApiManager.Gateway.Data;

/// <summary>Section <c>Database</c>: where the embedded SQLite store lives.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>SQLite connection string; the file's folder is created on start.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/apimanager.db";
}
