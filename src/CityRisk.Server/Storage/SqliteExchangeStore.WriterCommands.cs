using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

/// <summary>
/// The writer connection's commands of fixed SQL, each prepared once and kept for the store's life. Microsoft.Data.Sqlite
/// keeps a statement prepared per command instance only (dotnet/efcore#14044), so a write made with a new command each
/// time compiles its SQL each time: a dozen compilations an entity revision, most of the writer's time on a load
/// (docs/performance.md, "Incident statistics").
/// </summary>
public sealed partial class SqliteExchangeStore
{
    /// <summary>Only touched under the write lock, like the writer connection itself.</summary>
    private readonly Dictionary<string, SqliteCommand> _writerCommands = new(StringComparer.Ordinal);

    /// <summary>
    /// The writer's kept command for <paramref name="sql"/> (fixed SQL only: one is kept per text), in
    /// <paramref name="transaction"/>, with no parameters. Call under the write lock; never dispose it.
    /// </summary>
    private SqliteCommand WriterCommand(SqliteTransaction transaction, string sql)
    {
        if (!_writerCommands.TryGetValue(sql, out var command))
        {
            command = Writer.CreateCommand();
            command.CommandText = sql;
            _writerCommands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs a kept statement without parameters (a savepoint's).</summary>
    private Task<int> WriterExecuteAsync(SqliteTransaction transaction, string sql) => WriterCommand(transaction, sql).ExecuteNonQueryAsync(CancellationToken.None);

    /// <summary>Finalizes the kept statements, before the writer connection closes.</summary>
    private void DisposeWriterCommands()
    {
        foreach (var command in _writerCommands.Values)
        {
            command.Dispose();
        }

        _writerCommands.Clear();
        _observationInsert?.Dispose();
        _observationInsert = null;
    }
}
