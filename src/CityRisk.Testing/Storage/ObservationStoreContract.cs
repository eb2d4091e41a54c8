using CityRisk.Storage;
using Xunit;

namespace CityRisk.Testing.Storage;

/// <summary>
/// The observation store contract suite: the rules every <see cref="IObservationStore"/> must follow (docs/protocol.md
/// §11.6: the key and its duplicates, the atomic write of rows and evaluations, reading a series by time and key,
/// pending warnings, retention), as xunit v3 tests. The in-memory and SQLite stores pass it; inherit it to prove a
/// store of your own. Each test gets a new, empty store through <see cref="StoreSeamContract{TSeam}.CreateStoreAsync"/>, initialized by the suite.
/// </summary>
public abstract class ObservationStoreContract : StoreSeamContract<IObservationStore>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A reading of hazard <c>hf-bridge-0042</c> of <c>hefei-lifeline</c>.</summary>
    protected static StoredObservation Reading(int minute, double value, string indicator = "strain", string hazard = "hf-bridge-0042") => new()
    {
        HazardOwner = "hefei-lifeline",
        HazardId = hazard,
        IndicatorId = indicator,
        ObservedAt = Start.AddMinutes(minute),
        Value = value,
        Unit = "um/m",
        Quality = 1,
        SensorId = "s3-a",
    };

    private static HazardEvaluationRecord Evaluation(string state, bool pending = false, string hazard = "hf-bridge-0042") =>
        new() { HazardOwner = "hefei-lifeline", HazardId = hazard, WarningPending = pending, State = System.Text.Encoding.UTF8.GetBytes(state) };

    private Task<IReadOnlyList<bool>> RecordAsync(params StoredObservation[] rows) => Store.RecordObservationsAsync(rows, _ => [], Cancel);

    private Task<IReadOnlyList<StoredObservation>> ReadAsync(ObservationQuery? query = null) =>
        Store.QueryObservationsAsync(query ?? new ObservationQuery { HazardOwner = "hefei-lifeline", HazardId = "hf-bridge-0042" }, Cancel);

    /// <summary>What is stored comes back as it was given, the observed-at's offset included.</summary>
    [Fact]
    public virtual async Task A_recorded_observation_reads_back_as_given()
    {
        var row = Reading(0, 1040.5) with { ObservedAt = Start.AddTicks(1234567) };
        Assert.Equal([true], await RecordAsync(row));
        var read = Assert.Single(await ReadAsync());
        Assert.Equal(row, read);
        Assert.Equal(TimeSpan.FromHours(8), read.ObservedAt.Offset);
    }

    /// <summary>
    /// Each row keeps its own optional columns, whatever the rows before it held: a unit, quality, sensor or offset that
    /// comes, goes and comes back within a batch and across batches is stored as each row gave it (a store that reuses
    /// a prepared statement's bindings must not carry one row's value into the next).
    /// </summary>
    [Fact]
    public virtual async Task Each_row_keeps_its_own_optional_columns()
    {
        var first = new[]
        {
            Reading(0, 1) with { Unit = null, Quality = 0, SensorId = null },
            Reading(1, 2),
            Reading(2, 3) with { Unit = null, Quality = 2, SensorId = "s3-b", ObservedAt = Start.AddMinutes(2).ToOffset(TimeSpan.Zero) },
            Reading(3, 4) with { Unit = null, Quality = 2, SensorId = "s3-b", ObservedAt = Start.AddMinutes(3).ToOffset(TimeSpan.FromMinutes(-330)) },
            Reading(4, 5) with { Quality = 0, SensorId = null },
        };
        var second = new[]
        {
            Reading(5, 6) with { SensorId = null },
            Reading(6, 7) with { Unit = null },
            Reading(0, 1, indicator: "tilt") with { Unit = "mrad", SensorId = "t1" },
            Reading(7, 8),
        };
        Assert.Equal([true, true, true, true, true], await RecordAsync(first));
        Assert.Equal([true, true, true, true], await RecordAsync(second));
        var read = await ReadAsync();
        Assert.Equal([.. first, .. second.Where(r => r.IndicatorId == "strain"), .. second.Where(r => r.IndicatorId == "tilt")], read);
        Assert.Equal([TimeSpan.FromHours(8), TimeSpan.FromHours(8), TimeSpan.Zero, TimeSpan.FromMinutes(-330)], read.Take(4).Select(r => r.ObservedAt.Offset));
    }

    /// <summary>The key is (owner, hazard, indicator, observed-at instant): a repeat, in the same batch or later, or the same instant with another offset, is not stored, and the first value stays.</summary>
    [Fact]
    public virtual async Task The_first_observation_of_a_key_wins_and_repeats_are_not_stored()
    {
        Assert.Equal([true, false, true], await RecordAsync(Reading(0, 1), Reading(0, 2), Reading(0, 3, indicator: "tilt")));
        var sameInstant = Reading(0, 4) with { ObservedAt = Start.ToOffset(TimeSpan.Zero) };
        Assert.Equal([false, true], await RecordAsync(sameInstant, Reading(1, 5)));
        Assert.Equal([("strain", 1.0), ("strain", 5.0), ("tilt", 3.0)], (await ReadAsync()).Select(r => (r.IndicatorId, r.Value)));
    }

    /// <summary>The evaluation callback sees which rows were new, and its records are stored with them.</summary>
    [Fact]
    public virtual async Task Rows_and_their_evaluations_are_written_together()
    {
        await RecordAsync(Reading(0, 1));
        IReadOnlyList<bool>? seen = null;
        var stored = await Store.RecordObservationsAsync([Reading(0, 9), Reading(1, 2)], recorded =>
        {
            seen = [.. recorded];
            return [Evaluation("after two"), Evaluation("other hazard", pending: true, hazard: "hf-tunnel-7")];
        }, Cancel);

        Assert.Equal([false, true], stored);
        Assert.Equal([false, true], seen);
        Assert.Equal("after two", System.Text.Encoding.UTF8.GetString((await Store.GetEvaluationAsync("hefei-lifeline", "hf-bridge-0042", Cancel))!.State));
        Assert.Equal(["hf-tunnel-7"], (await Store.ListPendingWarningsAsync(Cancel)).Select(r => r.HazardId));
    }

    /// <summary>If the evaluation throws, nothing of the batch is written: the rows may be recorded again.</summary>
    [Fact]
    public virtual async Task A_failed_evaluation_writes_nothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.RecordObservationsAsync([Reading(0, 1), Reading(1, 2)], _ => throw new InvalidOperationException("evaluation failed"), Cancel));
        Assert.Empty(await ReadAsync());
        Assert.Null(await Store.GetEvaluationAsync("hefei-lifeline", "hf-bridge-0042", Cancel));
        Assert.Equal([true, true], await RecordAsync(Reading(0, 1), Reading(1, 2)));
    }

    /// <summary>A series is read by indicator then observed-at, within [from, to), after a key, up to a limit.</summary>
    [Fact]
    public virtual async Task Observations_are_read_in_key_order_by_range_and_page()
    {
        await RecordAsync([.. Enumerable.Range(0, 10).Reverse().Select(m => Reading(m, m)), .. Enumerable.Range(0, 3).Select(m => Reading(m, 100 + m, indicator: "tilt")), Reading(0, 7, hazard: "other")]);
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 101, 102], (await ReadAsync()).Select(r => r.Value));
        var range = new ObservationQuery { HazardOwner = "hefei-lifeline", HazardId = "hf-bridge-0042", IndicatorId = "strain", From = Start.AddMinutes(2), To = Start.AddMinutes(6) };
        Assert.Equal([2.0, 3, 4, 5], (await ReadAsync(range)).Select(r => r.Value));
        var page = await ReadAsync(range with { Limit = 2 });
        Assert.Equal([2.0, 3], page.Select(r => r.Value));
        Assert.Equal([4.0, 5], (await ReadAsync(range with { After = (page[^1].IndicatorId, page[^1].ObservedAt) })).Select(r => r.Value));
        Assert.Equal([101.0, 102], (await ReadAsync(new ObservationQuery { HazardOwner = "hefei-lifeline", HazardId = "hf-bridge-0042", After = ("tilt", Start) })).Select(r => r.Value));
        Assert.Empty(await ReadAsync(new ObservationQuery { HazardOwner = "hefei-lifeline", HazardId = "none" }));
    }

    /// <summary>Saving an evaluation replaces the one before; pending ones are listed until saved without the flag.</summary>
    [Fact]
    public virtual async Task Evaluations_are_replaced_and_pending_warnings_listed()
    {
        Assert.Null(await Store.GetEvaluationAsync("hefei-lifeline", "hf-bridge-0042", Cancel));
        await Store.SaveEvaluationAsync(Evaluation("one", pending: true), Cancel);
        Assert.Single(await Store.ListPendingWarningsAsync(Cancel));
        await Store.SaveEvaluationAsync(Evaluation("two"), Cancel);
        Assert.Empty(await Store.ListPendingWarningsAsync(Cancel));
        Assert.Equal("two", System.Text.Encoding.UTF8.GetString((await Store.GetEvaluationAsync("hefei-lifeline", "hf-bridge-0042", Cancel))!.State));
    }

    /// <summary>Retention deletes by observed-at and keeps evaluations; a pruned key may be recorded again.</summary>
    [Fact]
    public virtual async Task Pruning_deletes_by_observed_at_and_keeps_evaluations()
    {
        await Store.RecordObservationsAsync([Reading(0, 1), Reading(5, 2), Reading(10, 3), Reading(1, 4, hazard: "other")], _ => [Evaluation("kept")], Cancel);
        Assert.Equal(3, await Store.PruneObservationsAsync(Start.AddMinutes(6), Cancel));
        Assert.Equal([3.0], (await ReadAsync()).Select(r => r.Value));
        Assert.NotNull(await Store.GetEvaluationAsync("hefei-lifeline", "hf-bridge-0042", Cancel));
        Assert.Equal([true], await RecordAsync(Reading(0, 1)));
    }
}
