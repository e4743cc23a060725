using System.Diagnostics;
using System.Text;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Plugins;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace ApiManager.Gateway.CallLog;

/// <summary>
/// Inserts call log batches on one long-lived connection to the product database, one transaction per batch, with
/// two statements prepared once per connection: a multi-row INSERT of <see cref="ChunkRows"/> rows for the bulk of a
/// batch and a one-row INSERT for the rest. Values are bound by position with SQLite's typed bind calls (through the
/// connection's native handle): no boxing, no parameter objects, no name lookups, strings passed as UTF-16 spans. That
/// keeps the writer's CPU per row close to SQLite's own insert cost. After a failure the connection is closed and
/// opened again for the next batch. Used by the writer's single thread only.
/// </summary>
internal sealed class SqliteCallLogSink : ICallLogSink, IDisposable
{
    /// <summary>Rows per execution of the multi-row statement by default.</summary>
    public const int DefaultChunkRows = 16;

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;";

    private readonly string _connectionString;
    private readonly string _node;
    private SqliteConnection? _connection;
    private sqlite3_stmt? _chunk;
    private sqlite3_stmt? _single;

    public SqliteCallLogSink(IOptions<DatabaseOptions> database, IOptions<CallLogOptions> options)
        : this(database, options, DefaultChunkRows)
    {
    }

    internal SqliteCallLogSink(IOptions<DatabaseOptions> database, IOptions<CallLogOptions> options, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ChunkRows = Math.Clamp(chunkRows, 1, 64);
        _connectionString = database.Value.ConnectionString;
        var node = options.Value.NodeName;
        _node = string.IsNullOrWhiteSpace(node) ? Environment.MachineName : node.Trim();
    }

    /// <summary>Rows per execution of the multi-row statement.</summary>
    public int ChunkRows { get; }

    /// <summary>The node name written with each row.</summary>
    public string Node => _node;

    public void Write(IReadOnlyList<CallRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            Open();
            using var transaction = _connection!.BeginTransaction();
            var i = 0;
            for (; batch.Count - i >= ChunkRows; i += ChunkRows)
            {
                for (var r = 0; r < ChunkRows; r++)
                {
                    Bind(_chunk!, r * CallLogColumns.Count, batch[i + r]);
                }

                Step(_chunk!);
            }

            for (; i < batch.Count; i++)
            {
                Bind(_single!, 0, batch[i]);
                Step(_single!);
            }

            transaction.Commit();
        }
        catch
        {
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    private void Step(sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_connection!.Handle).utf8_to_string(), result);
        }
    }

    /// <summary>Binds <paramref name="record"/>'s columns (<see cref="CallLogColumns.Names"/> order) from parameter <paramref name="offset"/> + 1.</summary>
    private void Bind(sqlite3_stmt s, int offset, CallRecord record)
    {
        var total = Stopwatch.GetElapsedTime(record.StartTimestamp, record.EndTimestamp);
        var route = record.Route;
        var caller = record.Caller;
        var error = record.Error;
        var p = offset;
        raw.sqlite3_bind_int64(s, ++p, CallLogColumns.ToUnixMilliseconds(record.EndedAt.UtcDateTime - total));
        Text(s, ++p, record.RequestId);
        Text(s, ++p, _node);
        if (route is null)
        {
            raw.sqlite3_bind_null(s, ++p);
            raw.sqlite3_bind_null(s, ++p);
            raw.sqlite3_bind_null(s, ++p);
        }
        else
        {
            raw.sqlite3_bind_int(s, ++p, route.ApiId);
            Text(s, ++p, route.Name);
            Text(s, ++p, route.Version);
        }

        if (caller is null)
        {
            raw.sqlite3_bind_null(s, ++p);
            raw.sqlite3_bind_null(s, ++p);
            raw.sqlite3_bind_null(s, ++p);
            raw.sqlite3_bind_null(s, ++p);
        }
        else
        {
            Text(s, ++p, caller.Client.ClientId);
            Text(s, ++p, caller.Client.ClientName);
            Text(s, ++p, CallLogColumns.CredentialName(caller.Type));
            Text(s, ++p, caller.CredentialId);
        }

        Text(s, ++p, record.CallerIp?.ToString());
        Text(s, ++p, record.Method);
        Text(s, ++p, record.Path ?? "");
        Text(s, ++p, CallLogColumns.Redact(record.Query, route));
        raw.sqlite3_bind_int(s, ++p, record.Status);
        Int(s, ++p, record.BackendStatus > 0 ? record.BackendStatus : null);
        raw.sqlite3_bind_double(s, ++p, Math.Round(total.TotalMilliseconds, 3));
        if (record.BackendTicks > 0)
        {
            raw.sqlite3_bind_double(s, ++p, Math.Round(Stopwatch.GetElapsedTime(0, record.BackendTicks).TotalMilliseconds, 3));
        }
        else
        {
            raw.sqlite3_bind_null(s, ++p);
        }

        Int64(s, ++p, record.BytesIn);
        Int64(s, ++p, record.BytesOut);
        Text(s, ++p, record.CacheStatus);
        Text(s, ++p, record.Stage is { } stage ? CallLogColumns.StageName(stage) : null);
        Text(s, ++p, record.Plugin is { } plugin ? PluginTypes.Name(plugin) : null);
        Text(s, ++p, error?.Code);
        Text(s, ++p, error?.Detail);
        Text(s, ++p, record.Target);
        raw.sqlite3_bind_int(s, ++p, record.Retries);
    }

    private static void Text(sqlite3_stmt s, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(s, index);
        }
        else
        {
            raw.sqlite3_bind_text16(s, index, value.AsSpan());
        }
    }

    private static void Int(sqlite3_stmt s, int index, int? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int(s, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private static void Int64(sqlite3_stmt s, int index, long? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(s, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private void Open()
    {
        if (_connection is not null)
        {
            return;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = Pragmas;
                pragma.ExecuteNonQuery();
            }

            _chunk = Prepare(connection, ChunkRows);
            _single = Prepare(connection, 1);
            _connection = connection;
        }
        catch
        {
            _chunk?.Dispose();
            _single?.Dispose();
            _chunk = null;
            _single = null;
            connection.Dispose();
            throw;
        }
    }

    private void Close()
    {
        _chunk?.Dispose();
        _single?.Dispose();
        _connection?.Dispose();
        _chunk = null;
        _single = null;
        _connection = null;
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, int rows)
    {
        var sql = new StringBuilder("INSERT INTO \"").Append(CallLogColumns.Table).Append("\" (");
        sql.AppendJoin(", ", CallLogColumns.Names.Select(n => "\"" + n + "\"")).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < CallLogColumns.Count; c++)
            {
                sql.Append(c == 0 ? "?" : ", ?");
            }

            sql.Append(')');
        }

        var result = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement);
        if (result != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), result);
        }

        return statement;
    }
}
