using CityRisk.Storage;
using Xunit;

namespace CityRisk.Testing.Storage;

/// <summary>
/// The store contract suite for a durable store: everything in <see cref="ExchangeStoreContract"/>, and that what
/// was acknowledged survives closing and opening the store again, as a restarted hub does.
/// </summary>
public abstract class DurableExchangeStoreContract : ExchangeStoreContract
{
    /// <summary>Disposes <paramref name="store"/> and opens the same data again; the suite initializes it.</summary>
    /// <param name="store">The store to close.</param>
    /// <param name="time">The clock for stored-at times.</param>
    /// <returns>The reopened store, not yet initialized.</returns>
    protected abstract Task<IExchangeStore> ReopenAsync(IExchangeStore store, TimeProvider time);

    /// <summary>A durable store keeps everything acknowledged across a reopen, and cursors and revisions continue.</summary>
    [Fact]
    public async Task Everything_acknowledged_survives_a_reopen_and_cursors_continue()
    {
        await Store.AppendAsync(Message("a1"), Cancel);
        await Store.AppendAsync(Message("i-1", kind: "incident", entity: "inc-1", revision: 1), Cancel);
        var reopened = await ReopenAsync(Store, Time);
        Replace(reopened);
        await reopened.InitializeAsync(Cancel);
        Assert.Equal(2, await reopened.GetLastCursorAsync(Cancel));
        Assert.NotNull(await reopened.GetMessageAsync("foshan-em", "a1", Cancel));
        Assert.Equal(AppendResult.Duplicate(1), await reopened.AppendAsync(Message("a1"), Cancel));
        Assert.Equal(AppendResult.RevisionConflict(1), await reopened.AppendAsync(Message("i-1b", kind: "incident", entity: "inc-1", revision: 1), Cancel));
        Assert.Equal(AppendResult.Appended(3), await reopened.AppendAsync(Message("a2"), Cancel));
    }
}
