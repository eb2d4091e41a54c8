using CityRisk.Server.Storage;
using CityRisk.Storage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Envelope = CityRisk.Protocol.V1.Envelope;

namespace CityRisk.Server.Exchange;

/// <summary>
/// The newest messages in cursor order, bounded, shared by every subscription, and the fan-out to live subscribers.
/// Appends can finish out of order (two publishers), so a message is held back until every lower cursor has
/// arrived: subscribers always see the log without gaps. A released message is handed to every live subscriber
/// from the publishing path itself, with no thread-pool hop per subscriber: an idle subscriber's stream is written
/// at once, a busy one queues it (<see cref="LiveSubscriber"/>). One publisher at a time dispatches, in cursor
/// order; the others leave their messages to it and return.
/// </summary>
internal sealed class RecentMessages(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Lock _dispatch = new();
    // A ring over consecutive cursors: the message with cursor c sits at (c - 1) % capacity, so a subscriber finds
    // its position in constant time however large the window is.
    private readonly RecentMessage?[] _window = new RecentMessage?[capacity];
    private int _count;
    private readonly SortedDictionary<long, (StoredMessage Stored, Envelope Envelope, Geometry? Shape, EncodedDelivery Delivery)> _early = [];
    private readonly Queue<RecentMessage> _undispatched = new();
    private readonly SubscriptionAreaIndex _areas = new();
    private LiveSubscriber[] _live = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;
    private bool _started;

    public int Capacity { get; } = capacity;

    /// <summary>The highest cursor that every subscriber can see (no gap below it).</summary>
    public long LastCursor
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>How many subscriptions are live (caught up and fed from the publishing path).</summary>
    public int LiveCount => Volatile.Read(ref _live).Length;

    /// <summary>Starts the window after the store's last cursor, when the hub starts.</summary>
    public void StartAfter(long cursor)
    {
        lock (_lock)
        {
            _last = cursor;
            _started = true;
        }
    }

    /// <summary>
    /// Registers a live subscription's area: every message added from now on records whether it matches. Returns
    /// the id and the last cursor before registration (older messages were not matched against it).
    /// </summary>
    public (long Id, long RegisteredAfter) RegisterArea(IPreparedGeometry area)
    {
        lock (_lock)
        {
            return (_areas.Add(area), _last);
        }
    }

    public void UnregisterArea(long id)
    {
        lock (_lock)
        {
            _areas.Remove(id);
        }
    }

    public void Add(StoredMessage stored, Envelope envelope, Geometry? shape)
    {
        TaskCompletionSource? wake = null;
        var delivery = EncodedDelivery.Encode(stored.Cursor, stored.Envelope);
        lock (_lock)
        {
            if (!_started || stored.Cursor <= _last)
            {
                return;
            }

            _early[stored.Cursor] = (stored, envelope, shape, delivery);
            while (_early.Remove(_last + 1, out var next))
            {
                var message = new RecentMessage(next.Stored, next.Envelope, next.Shape, _areas.Matching(next.Shape), next.Delivery);
                _window[Slot(_last + 1)] = message;
                _count = Math.Min(_count + 1, Capacity);
                _last++;
                if (_live.Length > 0)
                {
                    _undispatched.Enqueue(message);
                }

                wake = _changed;
            }

            if (wake is not null)
            {
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        wake?.TrySetResult();
        Dispatch();
    }

    private int Slot(long cursor) => (int)((cursor - 1) % Capacity);

    /// <summary>
    /// The messages after a cursor that the window still holds, up to a limit; <paramref name="inWindow"/> is false
    /// when the cursor is older than the window (read those from the store first).
    /// </summary>
    public List<RecentMessage> ReadAfter(long cursor, int limit, out bool inWindow, out Task changed)
    {
        lock (_lock)
        {
            changed = _changed.Task;
            var oldest = _last - _count + 1;
            inWindow = cursor >= oldest - 1;
            var result = new List<RecentMessage>(Math.Max(0, (int)Math.Min(limit, _last - cursor)));
            if (!inWindow)
            {
                return result;
            }

            for (var next = cursor + 1; next <= _last && result.Count < limit; next++)
            {
                result.Add(_window[Slot(next)]!);
            }

            return result;
        }
    }

    /// <summary>
    /// Makes a subscriber that has delivered everything up to <paramref name="position"/> live, if that is the end of
    /// the log: from then on every released message is offered to it. False when more was released meanwhile (read
    /// it from the window first, then try again).
    /// </summary>
    public bool TryGoLive(LiveSubscriber subscriber, long position)
    {
        lock (_lock)
        {
            if (position != _last)
            {
                return false;
            }

            // Messages released but not dispatched yet are at or below the position: the subscriber skips them.
            subscriber.StartAfter(position);
            _live = [.. _live, subscriber];
            return true;
        }
    }

    /// <summary>
    /// Stops offering messages to a subscriber; once the task completes no dispatch is writing to it any more, so its
    /// call can end. A dispatch that took the subscriber before its removal finds it closed, or is waited for.
    /// </summary>
    public Task LeaveAsync(LiveSubscriber subscriber)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_live, subscriber);
            if (index >= 0)
            {
                _live = [.. _live[..index], .. _live[(index + 1)..]];
            }
        }

        return subscriber.CloseAsync();
    }

    /// <summary>
    /// Offers released messages to the live subscribers, in cursor order, on this thread. Only one thread dispatches
    /// at a time; a publisher that finds another dispatching leaves its messages to it, and the dispatcher looks
    /// once more after it stops, so nothing is left behind.
    /// </summary>
    private void Dispatch()
    {
        while (true)
        {
            if (!_dispatch.TryEnter())
            {
                return;
            }

            try
            {
                while (TakeUndispatched(out var message, out var live))
                {
                    foreach (var subscriber in live)
                    {
                        subscriber.Offer(message);
                    }
                }
            }
            finally
            {
                _dispatch.Exit();
            }

            lock (_lock)
            {
                if (_undispatched.Count == 0)
                {
                    return;
                }
            }
        }
    }

    private bool TakeUndispatched(out RecentMessage message, out LiveSubscriber[] live)
    {
        lock (_lock)
        {
            live = _live;
            return _undispatched.TryDequeue(out message!);
        }
    }
}
