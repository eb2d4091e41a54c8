using CityRisk.Server.Storage;
using CityRisk.Wire.V1;
using NetTopologySuite.Geometries;
using Envelope = CityRisk.Wire.V1.Envelope;
using NetTopologySuite.Geometries.Prepared;

namespace CityRisk.Server.Exchange;

/// <summary>
/// The newest messages in cursor order, bounded, shared by every live subscription: publishers add and wake the
/// subscribers and never wait for them. Appends can finish out of order (two publishers), so a message is held
/// back until every lower cursor has arrived, and subscribers always see the log without gaps.
/// </summary>
internal sealed class RecentMessages(int capacity)
{
    private readonly Lock _lock = new();
    // A ring over consecutive cursors: the message with cursor c sits at (c - 1) % capacity, so a subscriber finds
    // its position in constant time however large the window is.
    private readonly RecentMessage?[] _window = new RecentMessage?[capacity];
    private int _count;
    private readonly SortedDictionary<long, (StoredMessage Stored, Envelope Envelope, Geometry? Shape, byte[] Frame)> _early = [];
    private readonly SubscriptionAreaIndex _areas = new();
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
        var frame = DeliveryFrame.Encode(stored.Cursor, stored.Envelope);
        lock (_lock)
        {
            if (!_started || stored.Cursor <= _last)
            {
                return;
            }

            _early[stored.Cursor] = (stored, envelope, shape, frame);
            while (_early.Remove(_last + 1, out var next))
            {
                _window[Slot(_last + 1)] = new RecentMessage(next.Stored, next.Envelope, next.Shape, _areas.Matching(next.Shape), next.Frame);
                _count = Math.Min(_count + 1, Capacity);
                _last++;
                wake = _changed;
            }

            if (wake is not null)
            {
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        wake?.TrySetResult();
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
}
