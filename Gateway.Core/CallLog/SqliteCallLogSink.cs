using System.Text;
using ApiManager.Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.CallLog;

/// <summary>
/// Inserts call log batches with raw prepared <see cref="SqliteCommand"/>s on one long-lived connection to the
/// product database: a multi-row INSERT of <see cref="ChunkRows"/> rows for the bulk of a batch and a one-row INSERT
/// for the rest, parameter objects reused, one transaction per batch. After a failure the connection is closed and
/// opened again for the next batch. Used by the writer's single thread only.
/// </summary>
internal sealed class SqliteCallLogSink : ICallLogSink, IDisposable
{
    /// <summary>Rows per execution of the multi-row statement.</summary>
    public const int ChunkRows = 32;

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;";

    private readonly string _connectionString;
    private readonly string _node;
    private readonly object[] _values = new object[ChunkRows * CallLogColumns.Count];
    private SqliteConnection? _connection;
    private SqliteCommand? _chunk;
    private SqliteCommand? _single;

    public SqliteCallLogSink(IOptions<DatabaseOptions> database, IOptions<CallLogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = database.Value.ConnectionString;
        var node = options.Value.NodeName;
        _node = string.IsNullOrWhiteSpace(node) ? Environment.MachineName : node.Trim();
    }

    /// <summary>The node name written with each row.</summary>
    public string Node => _node;

    public void Write(IReadOnlyList<CallRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            Open();
            using var transaction = _connection!.BeginTransaction();
            _chunk!.Transaction = transaction;
            _single!.Transaction = transaction;
            var i = 0;
            for (; batch.Count - i >= ChunkRows; i += ChunkRows)
            {
                for (var r = 0; r < ChunkRows; r++)
                {
                    CallLogColumns.Fill(batch[i + r], _node, _values, r * CallLogColumns.Count);
                }

                Execute(_chunk, ChunkRows);
            }

            for (; i < batch.Count; i++)
            {
                CallLogColumns.Fill(batch[i], _node, _values, 0);
                Execute(_single, 1);
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

    private void Execute(SqliteCommand command, int rows)
    {
        var parameters = command.Parameters;
        var count = rows * CallLogColumns.Count;
        for (var p = 0; p < count; p++)
        {
            parameters[p].Value = _values[p];
        }

        command.ExecuteNonQuery();
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

    private static SqliteCommand Prepare(SqliteConnection connection, int rows)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder("INSERT INTO \"").Append(CallLogColumns.Table).Append("\" (");
        sql.AppendJoin(", ", CallLogColumns.Names.Select(n => "\"" + n + "\"")).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < CallLogColumns.Count; c++)
            {
                var name = "$p" + (r * CallLogColumns.Count + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
                sql.Append(c == 0 ? "" : ", ").Append(name);
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }
}
