using Grpc.Core;

namespace CityRisk.Server.Exchange;

/// <summary>
/// A caught-up Subscribe call fed from the publishing path. The dispatcher offers it each released message; when the
/// stream is idle the message is written at once on the dispatcher's thread (a write that completes synchronously,
/// as Kestrel's usually do, costs no thread-pool hop and no per-subscriber task); when a write is still in flight
/// the message queues, and the call's own loop (<see cref="RunAsync"/>) drains the queue. A subscriber whose queue
/// exceeds its limit is cut off: its queue is dropped, and once the write in flight has completed the loop ends the
/// call with RESOURCE_EXHAUSTED and the cursor to resume after.
/// Only one write is ever in flight: grpc-dotnet's stream writer allows no other.
/// </summary>
internal sealed class LiveSubscriber(IServerStreamWriter<EncodedDelivery> writer, Func<RecentMessage, bool> matches, int maxQueued)
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private readonly Lock _lock = new();
    private readonly Queue<RecentMessage> _queue = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastOffered;
    private long _lastWritten;
    private bool _busy;
    private bool _closed;
    // Set while the dispatcher writes to this stream on its own thread; CloseAsync waits for that write, without blocking.
    private bool _writingOnDispatcher;
    private TaskCompletionSource? _dispatcherWriteDone;
    private (Task Write, long Cursor)? _pending;
    private bool _overflowed;

    /// <summary>The cursor of the last message whose write completed: where a cut-off subscriber resumes.</summary>
    public long LastWritten
    {
        get
        {
            lock (_lock)
            {
                return _lastWritten;
            }
        }
    }

    /// <summary>Called once, when it goes live: everything up to here was delivered by the catch-up.</summary>
    public void StartAfter(long cursor)
    {
        lock (_lock)
        {
            _lastOffered = cursor;
            _lastWritten = cursor;
        }
    }

    /// <summary>
    /// A released message, on the dispatcher's thread (one at a time, in cursor order). Never throws: a failed write
    /// is the call's to report.
    /// </summary>
    public void Offer(RecentMessage message)
    {
        var cursor = message.Stored.Cursor;
        lock (_lock)
        {
            if (cursor <= _lastOffered || _overflowed)
            {
                return;
            }

            _lastOffered = cursor;
        }

        if (!matches(message))
        {
            return;
        }

        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            if (_busy)
            {
                if (_queue.Count >= maxQueued)
                {
                    _overflowed = true;
                    _queue.Clear();
                    _signal.TrySetResult();
                }
                else
                {
                    _queue.Enqueue(message);
                }

                return;
            }

            _busy = true;
            _writingOnDispatcher = true;
        }

        Task write;
        try
        {
            write = writer.WriteAsync(message.Delivery);
        }
        catch (Exception ex)
        {
            write = Task.FromException(ex);
        }

        lock (_lock)
        {
            _writingOnDispatcher = false;
            _dispatcherWriteDone?.TrySetResult();
            if (write.IsCompletedSuccessfully)
            {
                _busy = false;
                _lastWritten = cursor;
                return;
            }

            // In flight (flow control) or failed: the call's loop takes it from here, and waits for it before ending.
            _pending = (write, cursor);
            _signal.TrySetResult();
        }
    }

    /// <summary>
    /// Stops taking messages; completes once no dispatcher is writing to the stream any more, so the call can end
    /// (grpc-dotnet refuses a write after it). Never blocks a thread.
    /// </summary>
    public Task CloseAsync()
    {
        lock (_lock)
        {
            _closed = true;
            if (!_writingOnDispatcher)
            {
                return Task.CompletedTask;
            }

            _dispatcherWriteDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _dispatcherWriteDone.Task;
        }
    }

    /// <summary>
    /// The call's side: waits for work the dispatcher could not finish (a write in flight, a queue), does it, and
    /// ends with the call's cancellation, a failed write, or RESOURCE_EXHAUSTED when the queue overflowed.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                signal = _signal.Task;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            (Task Write, long Cursor)? pending;
            lock (_lock)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                pending = _pending;
                _pending = null;
            }

            // A write in flight is awaited before anything else, overflow included: the call must not end mid-write.
            if (pending is { } inFlight)
            {
                await WriteCompletedAsync(inFlight.Write, inFlight.Cursor, cancellationToken).ConfigureAwait(false);
            }

            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what queued while a write was in flight, all but the last without a flush; then the stream is idle.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            RecentMessage[] batch;
            lock (_lock)
            {
                ThrowIfOverflowed();
                if (_queue.Count == 0)
                {
                    _busy = false;
                    return;
                }

                batch = [.. _queue];
                _queue.Clear();
            }

            for (var i = 0; i < batch.Length; i++)
            {
                writer.WriteOptions = i < batch.Length - 1 ? Buffered : null;
                // No token: the default WriteAsync(message, token) of a stream writer refuses a cancellable one; the call's own cancellation ends the write.
                await WriteCompletedAsync(writer.WriteAsync(batch[i].Delivery, CancellationToken.None), batch[i].Stored.Cursor, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Awaits a write to its end, even when the queue overflows meanwhile: a call must not end with a write in flight
    /// (Grpc.AspNetCore then never finishes the response, and the client waits for a status that does not come).
    /// </summary>
    private async Task WriteCompletedAsync(Task write, long cursor, CancellationToken cancellationToken)
    {
        // Yield: the write completes on the thread that flushed it (Kestrel's), which must not run this loop inline.
        await write.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        lock (_lock)
        {
            _lastWritten = cursor;
        }
    }

    private void ThrowIfOverflowed()
    {
        if (_overflowed)
        {
            throw new SubscriberOverflowException(_lastWritten);
        }
    }
}
