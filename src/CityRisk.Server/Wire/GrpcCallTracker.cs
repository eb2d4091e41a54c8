namespace CityRisk.Server.Wire;

/// <summary>The number of calls in flight: a handler still running after its client left would show here.</summary>
internal sealed class GrpcCallTracker
{
    private int _active;

    public int Active => Volatile.Read(ref _active);

    public void Started() => Interlocked.Increment(ref _active);

    public void Ended() => Interlocked.Decrement(ref _active);
}
