using System.Collections.Concurrent;
using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

/// <summary>
/// Group commit for appends and supersessions: every write waits for the writer; whichever caller gets it first runs
/// every write queued by then in one transaction, each under a savepoint of its own, and commits once. A full
/// synchronous commit costs one fsync, so concurrent publishers (PublishBatch runs the envelopes of different
/// entities together) share it instead of queueing for one each. Each write sees the ones before it in the
/// group, so the checks (duplicates, n+1 after n) are exactly those of one write at a time; a write that fails
/// rolls back to its savepoint and fails alone; a failed commit fails every write of the group (none was stored).
/// </summary>
public sealed partial class SqliteExchangeStore
{
    /// <summary>The most writes one transaction commits; the rest lead the next group.</summary>
    private const int MaxGroupWrites = 2_000;

    private readonly ConcurrentQueue<GroupedWrite> _grouped = new();

    private async Task<T> GroupedAsync<T>(Func<SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new GroupedWrite(async transaction => await work(transaction).ConfigureAwait(false), cancellationToken);
        _grouped.Enqueue(write);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!write.Done.Task.IsCompleted)
            {
                await RunGroupAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }

        return (T)(await write.Done.Task.ConfigureAwait(false))!;
    }

    /// <summary>Runs the queued writes in one transaction; the caller holds the write lock.</summary>
    private async Task RunGroupAsync()
    {
        var group = new List<GroupedWrite>();
        while (group.Count < MaxGroupWrites && _grouped.TryDequeue(out var next))
        {
            // A write cancelled before it started is not run; once started it completes (the group commits it).
            if (next.Token.IsCancellationRequested)
            {
                next.Done.TrySetCanceled(next.Token);
            }
            else
            {
                group.Add(next);
            }
        }

        if (group.Count == 0)
        {
            return;
        }

        var results = new object?[group.Count];
        var failures = new Exception?[group.Count];
        try
        {
            await using var transaction = (SqliteTransaction)await Writer.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                await WriterExecuteAsync(transaction, "SAVEPOINT write").ConfigureAwait(false);
                try
                {
                    results[i] = await group[i].Work(transaction).ConfigureAwait(false);
                    await WriterExecuteAsync(transaction, "RELEASE write").ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SqliteException or PoolStepRefusedException)
                {
                    await WriterExecuteAsync(transaction, "ROLLBACK TO write").ConfigureAwait(false);
                    await WriterExecuteAsync(transaction, "RELEASE write").ConfigureAwait(false);
                    failures[i] = ex;
                }
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var write in group)
            {
                write.Done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Done.TrySetException(failure);
            }
            else
            {
                group[i].Done.TrySetResult(results[i]);
            }
        }
    }

    private sealed class GroupedWrite(Func<SqliteTransaction, Task<object?>> work, CancellationToken token)
    {
        public Func<SqliteTransaction, Task<object?>> Work { get; } = work;

        public CancellationToken Token { get; } = token;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
