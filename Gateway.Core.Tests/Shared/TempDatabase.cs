using ApiManager.Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>A migrated SQLite file in the temp folder, deleted on dispose.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string path)
    {
        FilePath = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        Factory = new TestDbContextFactory(ConnectionString);
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<GatewayDbContext> Factory { get; }

    public static async Task<TempDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var database = new TempDatabase(Path.Combine(Path.GetTempPath(), "apimanager-gw-" + Guid.NewGuid().ToString("N") + ".db"));
        await using var db = await database.Factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        return database;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: a file still locked by a closing connection stays in the temp folder.
            }
        }

        return ValueTask.CompletedTask;
    }

    private sealed class TestDbContextFactory(string connectionString) : IDbContextFactory<GatewayDbContext>
    {
        public GatewayDbContext CreateDbContext()
        {
            var builder = new DbContextOptionsBuilder<GatewayDbContext>();
            builder.UseApiManagerSqlite(connectionString, typeof(GatewayDbContext).Assembly.GetName().Name!, GatewayDbContextHistory.TableName);
            return new GatewayDbContext(builder.Options);
        }
    }
}
