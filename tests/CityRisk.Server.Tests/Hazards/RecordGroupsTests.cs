using CityRisk.Hazards;
using CityRisk.Server.Hazards;

namespace CityRisk.Server.Tests.Hazards;

/// <summary>
/// How the monitor's writer groups calls: bulk in arrival order up to a row limit; a call that may warn ahead of the
/// queue, but never ahead of an earlier call about the same hazard (the evaluator's late-reading rule depends on order).
/// </summary>
public sealed class RecordGroupsTests
{
    private static PendingRecord Call(string hazard, int rows, bool urgent = false)
    {
        var h = HazardMonitorTests.Bridge() with { Id = hazard };
        var observation = new Observation { HazardOwner = h.Owner, HazardId = hazard, IndicatorId = "strain-s3", ObservedAt = DateTimeOffset.UnixEpoch, Value = 1 };
        return new PendingRecord([.. Enumerable.Range(0, rows).Select(i => (i, observation, h))], DateTimeOffset.UnixEpoch, urgent);
    }

    [Fact]
    public void Bulk_calls_are_taken_oldest_first_up_to_the_row_limit_and_at_least_one()
    {
        var (a, b, c) = (Call("a", 600), Call("b", 600), Call("c", 600));
        var waiting = new List<PendingRecord> { a, b, c };
        var group = new List<PendingRecord>();

        RecordGroups.Take(waiting, group, maxRows: 1500);
        Assert.Equal([a, b], group);
        Assert.Equal([c], waiting);

        var big = Call("d", 5000);
        waiting.Add(big);
        RecordGroups.Take(waiting, group, maxRows: 1500);
        Assert.Equal([c], group);
        RecordGroups.Take(waiting, group, maxRows: 1500);
        Assert.Equal([big], group);
        Assert.Empty(waiting);
    }

    [Fact]
    public void A_call_that_may_warn_jumps_the_queue_but_not_an_earlier_call_about_its_hazard()
    {
        var bulkX = Call("x", 500);
        var bulkFlip = Call("flip", 500);
        var bulkY = Call("y", 500);
        var crossing = Call("flip", 1, urgent: true);
        var later = Call("x", 500);
        var waiting = new List<PendingRecord> { bulkX, bulkFlip, bulkY, crossing, later };
        var group = new List<PendingRecord>();

        RecordGroups.Take(waiting, group, maxRows: 2000);

        Assert.Equal([bulkFlip, crossing], group);
        Assert.Equal([bulkX, bulkY, later], waiting);
    }

    [Fact]
    public void Earlier_calls_join_through_any_hazard_they_share_with_one_that_joined()
    {
        // The crossing is about "flip"; an earlier call is about "flip" and "z"; a still earlier one is about "z".
        var z = Call("z", 100);
        var mixed = new PendingRecord([.. Call("flip", 1).Accepted, .. Call("z", 1).Accepted], DateTimeOffset.UnixEpoch, false);
        var other = Call("w", 100);
        var crossing = Call("flip", 1, urgent: true);
        var waiting = new List<PendingRecord> { z, other, mixed, crossing };
        var group = new List<PendingRecord>();

        RecordGroups.Take(waiting, group, maxRows: 2000);

        Assert.Equal([z, mixed, crossing], group);
        Assert.Equal([other], waiting);
    }
}
