using Grpc.Core;

namespace CityRisk.Server.Exchange;

/// <summary>
/// A caught-up Subscribe call fed from the publishing path. The dispatcher offers it each released message; when the
/// stream is idle the message is written at once on the dispatcher's thread (a write that completes synchronously,
/// as Kestrel's usually do, costs no thread-pool hop and no per-subscriber task); when a write is still in flight
/// the message queues, and the call's own loop (<see cref="RunAsync"/>) drains the queue. A subscriber whose queue
/// exceeds its limit is cut off: the loop ends it with RESOURCE_EXHAUSTED and the cursor to resume after.
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
            if (write.IsCompletedSuccessfully)
            {
                _busy = false;
                _lastWritten = cursor;
                return;
            }

            // In flight (flow control) or failed: the call's loop takes it from here.
            _pending = (write, cursor);
            _signal.TrySetResult();
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
                ThrowIfOverflowed();
            }

            if (pending is { } inFlight)
            {
                await WhileNotOverflowedAsync(inFlight.Write, cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    _lastWritten = inFlight.Cursor;
                }
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
                await WhileNotOverflowedAsync(writer.WriteAsync(batch[i].Delivery, CancellationToken.None), cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    _lastWritten = batch[i].Stored.Cursor;
                }
            }
        }
    }

    /// <summary>Awaits a write, but gives up on it when the queue overflows meanwhile (a client that stopped reading).</summary>
    private async Task WhileNotOverflowedAsync(Task write, CancellationToken cancellationToken)
    {
        while (!write.IsCompleted)
        {
            Task signal;
            lock (_lock)
            {
                ThrowIfOverflowed();
                signal = _signal.Task;
            }

            await Task.WhenAny(write, signal).WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_signal.Task.IsCompleted)
                {
                    _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        await write.ConfigureAwait(false);
    }

    private void ThrowIfOverflowed()
    {
        if (_overflowed)
        {
            throw new SubscriberOverflowException(_lastWritten);
        }
    }
}
