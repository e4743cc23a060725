using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Data;

/// <summary>Shared SQLite setup for both contexts (gateway catalog and admin identity) on the one file.</summary>
public static class SqliteSetup
{
    /// <summary>Points <paramref name="builder"/> at the store, with the pragma interceptor and a per-context history table.</summary>
    public static DbContextOptionsBuilder UseApiManagerSqlite(this DbContextOptionsBuilder builder, string connectionString, string migrationsAssembly, string historyTable)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseSqlite(connectionString, o => o.MigrationsAssembly(migrationsAssembly).MigrationsHistoryTable(historyTable))
            .AddInterceptors(SqlitePragmaInterceptor.Instance);
    }

    /// <summary>Creates the folder that holds the database file, if the connection string names a file.</summary>
    public static void EnsureDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
