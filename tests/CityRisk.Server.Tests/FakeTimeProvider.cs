namespace CityRisk.Server.Tests;

/// <summary>A clock the test moves by hand; unlike Microsoft.Extensions.TimeProvider.Testing's, its timers run on real time, so a hub's background loops keep going.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
