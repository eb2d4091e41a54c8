using System.Security.Cryptography;
using System.Text;
using CityRisk.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CityRisk.Testing.Storage;

/// <summary>
/// The store contract suite: the rules every <see cref="IExchangeStore"/> must follow (docs/protocol.md, "Stores":
/// identity and idempotency, entity revisions, cursors, query, retention), as xunit v3 tests. The in-memory and
/// SQLite stores pass it; inherit it in a test project to prove a store of your own:
/// <code>
/// public sealed class PostgresStoreContract : ExchangeStoreContract
/// {
///     protected override Task&lt;IExchangeStore&gt; CreateStoreAsync(TimeProvider time) =&gt; Task.FromResult&lt;IExchangeStore&gt;(new PostgresStore(Fresh(), time));
/// }
/// </code>
/// Each test gets a new, empty store, created through <see cref="CreateStoreAsync"/> and initialized by the suite.
/// </summary>
public abstract class ExchangeStoreContract : IAsyncLifetime
{
    private IExchangeStore? _store;

    /// <summary>Replaces the store under test (after a reopen); the suite disposes the new one.</summary>
    private protected void Replace(IExchangeStore store) => _store = store;

    /// <summary>The clock the store is given: starts at 2026-11-23 08:00 UTC and moves only when a test advances it.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The store under test, initialized.</summary>
    protected IExchangeStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Creates a new, empty store that reads the time from <paramref name="time"/>; the suite initializes it.</summary>
    /// <param name="time">The clock for stored-at times.</param>
    /// <returns>The store, not yet initialized.</returns>
    protected abstract Task<IExchangeStore> CreateStoreAsync(TimeProvider time);

    /// <inheritdoc/>
    public virtual async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync(Time);
        await _store.InitializeAsync(Cancel);
    }

    /// <inheritdoc/>
    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A message as the hub would append it: the content hash from <paramref name="content"/>.</summary>
    /// <param name="id">The message id.</param>
    /// <param name="content">What the content hash is computed from; the same content makes a duplicate.</param>
    /// <param name="sender">The sender.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="entity">For an entity message, the entity id.</param>
    /// <param name="revision">For an entity message, the revision.</param>
    /// <param name="expiresAt">When it stops being current.</param>
    /// <returns>The message.</returns>
    protected static StoredMessage Message(string id, string content = "payload", string sender = "foshan-em", string kind = "alert", string? entity = null, long revision = 0, DateTimeOffset? expiresAt = null) => new()
    {
        Sender = sender,
        Id = id,
        Kind = kind,
        EntityId = entity,
        Revision = revision,
        ContentHash = SHA256.HashData(Encoding.UTF8.GetBytes(content)),
        Envelope = Encoding.UTF8.GetBytes($"envelope of {id}: {content}"),
        ExpiresAt = expiresAt,
    };

    /// <summary>Appends get increasing cursors from one.</summary>
    [Fact]
    public async Task Appends_get_increasing_cursors_from_one()
    {
        Assert.Equal(0, await Store.GetLastCursorAsync(Cancel));
        var first = await Store.AppendAsync(Message("a1"), Cancel);
        var second = await Store.AppendAsync(Message("a2"), Cancel);
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 1), first);
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 2), second);
        Assert.Equal(2, await Store.GetLastCursorAsync(Cancel));
    }

    /// <summary>Same sender and id with same content is a duplicate with the original cursor.</summary>
    [Fact]
    public async Task Same_sender_and_id_with_same_content_is_a_duplicate_with_the_original_cursor()
    {
        await Store.AppendAsync(Message("a0"), Cancel);
        var original = await Store.AppendAsync(Message("a1"), Cancel);
        var again = await Store.AppendAsync(Message("a1"), Cancel);
        Assert.Equal(AppendResult.Duplicate(original.Cursor), again);
        Assert.Equal(2, await Store.GetLastCursorAsync(Cancel));
    }

    /// <summary>Same sender and id with other content is a conflict and nothing is written.</summary>
    [Fact]
    public async Task Same_sender_and_id_with_other_content_is_a_conflict_and_nothing_is_written()
    {
        var original = await Store.AppendAsync(Message("a1", "v1"), Cancel);
        var changed = await Store.AppendAsync(Message("a1", "v2"), Cancel);
        Assert.Equal(AppendResult.Conflict(original.Cursor), changed);
        Assert.Equal("envelope of a1: v1", Encoding.UTF8.GetString((await Store.GetMessageAsync("foshan-em", "a1", Cancel))!.Envelope));
    }

    /// <summary>The same id from another sender is another message.</summary>
    [Fact]
    public async Task The_same_id_from_another_sender_is_another_message()
    {
        await Store.AppendAsync(Message("a1"), Cancel);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("a1", sender: "macau-smg"), Cancel)).Outcome);
    }

    /// <summary>Entity revisions go one after another and a gap or repeat names the current revision.</summary>
    [Fact]
    public async Task Entity_revisions_go_one_after_another_and_a_gap_or_repeat_names_the_current_revision()
    {
        Assert.Equal(AppendResult.RevisionConflict(0), await Store.AppendAsync(Message("i-2", kind: "incident", entity: "inc-1", revision: 2), Cancel));
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("i-1", kind: "incident", entity: "inc-1", revision: 1), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("i-2", kind: "incident", entity: "inc-1", revision: 2), Cancel)).Outcome);
        Assert.Equal(AppendResult.RevisionConflict(2), await Store.AppendAsync(Message("i-2b", kind: "incident", entity: "inc-1", revision: 2), Cancel));
        Assert.Equal(AppendResult.RevisionConflict(2), await Store.AppendAsync(Message("i-4", kind: "incident", entity: "inc-1", revision: 4), Cancel));

        var latest = await Store.GetLatestRevisionAsync("incident", "foshan-em", "inc-1", Cancel);
        Assert.Equal(("i-2", 2L), (latest!.Id, latest.Revision));
        Assert.Null(await Store.GetLatestRevisionAsync("incident", "macau-smg", "inc-1", Cancel));
        Assert.Null(await Store.GetLatestRevisionAsync("hazard", "foshan-em", "inc-1", Cancel));
    }

    /// <summary>Entities are keyed by kind owner and id.</summary>
    [Fact]
    public async Task Entities_are_keyed_by_kind_owner_and_id()
    {
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("h-1", kind: "hazard", entity: "x", revision: 1), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("r-1", kind: "resource", entity: "x", revision: 1), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("h-1", sender: "macau-smg", kind: "hazard", entity: "x", revision: 1), Cancel)).Outcome);
    }

    /// <summary>
    /// A revision sent by a partner other than the owner (<see cref="StoredMessage.EntityOwner"/>) counts under the
    /// owner's key: n+1 after n across senders, the latest found by the owner's key, and the history by entity.
    /// </summary>
    [Fact]
    public async Task Revisions_from_other_senders_count_under_the_owners_key_and_the_history_is_found_by_entity()
    {
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("incident/inc-9/1", kind: "incident", entity: "inc-9", revision: 1), Cancel)).Outcome);
        var step = Message("incident/foshan-em/inc-9/2", sender: "macau-smg", kind: "incident", entity: "inc-9", revision: 2) with { EntityOwner = "foshan-em" };
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(step, Cancel)).Outcome);
        var rival = Message("incident/inc-9/2", kind: "incident", entity: "inc-9", revision: 2);
        Assert.Equal(AppendResult.RevisionConflict(2), await Store.AppendAsync(rival, Cancel));
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("incident/inc-9/1", sender: "macau-smg", kind: "incident", entity: "inc-9", revision: 1), Cancel)).Outcome);

        var latest = await Store.GetLatestRevisionAsync("incident", "foshan-em", "inc-9", Cancel);
        Assert.Equal(("macau-smg", "foshan-em", 2L), (latest!.Sender, latest.Owner, latest.Revision));
        var history = await Store.QueryAsync(new StoreQuery { Limit = 10, Entities = [("incident", "foshan-em", "inc-9")] }, Cancel);
        Assert.Equal(["incident/inc-9/1", "incident/foshan-em/inc-9/2"], history.Select(m => m.Id));
        Assert.Equal([null, "foshan-em"], history.Select(m => m.EntityOwner));
    }

    /// <summary>Get returns what was stored.</summary>
    [Fact]
    public async Task Get_returns_what_was_stored()
    {
        await Store.AppendAsync(Message("a1", "content"), Cancel);
        var stored = await Store.GetMessageAsync("foshan-em", "a1", Cancel);
        Assert.NotNull(stored);
        Assert.Equal((1L, "alert", "envelope of a1: content"), (stored.Cursor, stored.Kind, Encoding.UTF8.GetString(stored.Envelope)));
        Assert.Equal(Time.GetUtcNow(), stored.StoredAt);
        Assert.Null(await Store.GetMessageAsync("foshan-em", "a2", Cancel));
        Assert.Null(await Store.GetMessageAsync("macau-smg", "a1", Cancel));
    }

    /// <summary>Reading after a cursor pages in order.</summary>
    [Fact]
    public async Task Reading_after_a_cursor_pages_in_order()
    {
        for (var i = 1; i <= 10; i++)
        {
            await Store.AppendAsync(Message($"m{i}"), Cancel);
        }

        Assert.Equal([4L, 5, 6], (await Store.ReadAfterAsync(3, 3, Cancel)).Select(m => m.Cursor));
        Assert.Equal([9L, 10], (await Store.ReadAfterAsync(8, 100, Cancel)).Select(m => m.Cursor));
        Assert.Empty(await Store.ReadAfterAsync(10, 5, Cancel));
        Assert.Equal("m1", (await Store.ReadAfterAsync(0, 1, Cancel)).Single().Id);
    }

    /// <summary>Retention prunes old messages but never reuses cursors or revisions.</summary>
    [Fact]
    public async Task Retention_prunes_old_messages_but_never_reuses_cursors_or_revisions()
    {
        await Store.AppendAsync(Message("old", kind: "incident", entity: "inc-1", revision: 1), Cancel);
        await Store.AppendAsync(Message("old-alert"), Cancel);
        Time.Advance(TimeSpan.FromDays(10));
        await Store.AppendAsync(Message("new"), Cancel);

        Assert.Equal(2, await Store.PruneAsync(Time.GetUtcNow() - TimeSpan.FromDays(5), Cancel));

        Assert.Null(await Store.GetMessageAsync("foshan-em", "old-alert", Cancel));
        Assert.Equal([3L], (await Store.ReadAfterAsync(0, 10, Cancel)).Select(m => m.Cursor));
        Assert.Equal(AppendResult.Appended(4), await Store.AppendAsync(Message("after-prune"), Cancel));
        Assert.Equal(AppendResult.RevisionConflict(1), await Store.AppendAsync(Message("again", kind: "incident", entity: "inc-1", revision: 1), Cancel));
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("next", kind: "incident", entity: "inc-1", revision: 2), Cancel)).Outcome);
    }

    /// <summary>Concurrent appends lose nothing and share no cursor.</summary>
    [Fact]
    public async Task Concurrent_appends_lose_nothing_and_share_no_cursor()
    {
        const int Writers = 8, Each = 100;
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var cursors = new List<long>();
            for (var i = 0; i < Each; i++)
            {
                cursors.Add((await Store.AppendAsync(Message($"w{w}-{i}"), Cancel)).Cursor);
            }

            return cursors;
        }, Cancel)));

        var all = results.SelectMany(c => c).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Writers * Each).Select(i => (long)i), all);
        Assert.Equal(Writers * Each, (await Store.ReadAfterAsync(0, 10_000, Cancel)).Count);
    }

    /// <summary>Concurrent publishes of one id store it once.</summary>
    [Fact]
    public async Task Concurrent_publishes_of_one_id_store_it_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Store.AppendAsync(Message("same"), Cancel), Cancel)));
        Assert.Single(results, r => r.Outcome == AppendOutcome.Appended);
        Assert.All(results, r => Assert.Equal(1, r.Cursor));
    }

    /// <summary>A message is superseded once and only by a later one.</summary>
    [Fact]
    public async Task A_message_is_superseded_once_and_only_by_a_later_one()
    {
        await Store.AppendAsync(Message("a1"), Cancel);
        await Store.AppendAsync(Message("a2"), Cancel);
        await Store.AppendAsync(Message("a3"), Cancel);

        Assert.False(await Store.MarkSupersededAsync("foshan-em", "a2", 1, Cancel));
        Assert.True(await Store.MarkSupersededAsync("foshan-em", "a1", 2, Cancel));
        Assert.False(await Store.MarkSupersededAsync("foshan-em", "a1", 3, Cancel));
        Assert.False(await Store.MarkSupersededAsync("foshan-em", "none", 3, Cancel));

        Assert.Equal(2, (await Store.GetMessageAsync("foshan-em", "a1", Cancel))!.SupersededBy);
        Assert.Equal([2L, null, null], (await Store.ReadAfterAsync(0, 10, Cancel)).Select(m => m.SupersededBy));
    }

    /// <summary>A working store reports itself healthy.</summary>
    [Fact]
    public async Task Health_is_reported() => Assert.True((await Store.CheckHealthAsync(Cancel)).Healthy);

    /// <summary>Initializing again does nothing.</summary>
    [Fact]
    public async Task Initializing_again_keeps_what_is_stored()
    {
        await Store.AppendAsync(Message("a1"), Cancel);
        await Store.InitializeAsync(Cancel);
        Assert.Equal(1, await Store.GetLastCursorAsync(Cancel));
        Assert.NotNull(await Store.GetMessageAsync("foshan-em", "a1", Cancel));
    }

    /// <summary>Query narrows by kind, sender and currency, after a cursor, in order, up to a limit.</summary>
    [Fact]
    public async Task Query_narrows_by_kind_sender_and_currency_in_cursor_order()
    {
        var now = Time.GetUtcNow();
        await Store.AppendAsync(Message("a1"), Cancel);                                                    // 1
        await Store.AppendAsync(Message("a2", sender: "macau-smg"), Cancel);                               // 2
        await Store.AppendAsync(Message("i1", kind: "incident", entity: "inc-1", revision: 1), Cancel);    // 3
        await Store.AppendAsync(Message("a3", expiresAt: now - TimeSpan.FromMinutes(1)), Cancel);          // 4
        await Store.AppendAsync(Message("a4", expiresAt: now + TimeSpan.FromHours(1)), Cancel);            // 5
        await Store.AppendAsync(Message("a5"), Cancel);                                                    // 6
        await Store.MarkSupersededAsync("foshan-em", "a1", 6, Cancel);

        async Task<string> Cursors(StoreQuery query) => string.Join(",", (await Store.QueryAsync(query, Cancel)).Select(m => m.Cursor));

        Assert.Equal("1,2,3,4,5,6", await Cursors(new StoreQuery { Limit = 100 }));
        Assert.Equal("1,2,4,5,6", await Cursors(new StoreQuery { Limit = 100, Kinds = ["alert"] }));
        Assert.Equal("3", await Cursors(new StoreQuery { Limit = 100, Kinds = ["incident", "hazard"], Senders = ["macau-smg", "foshan-em"], AfterCursor = 1 }));
        Assert.Equal("2", await Cursors(new StoreQuery { Limit = 100, Senders = ["macau-smg"] }));
        Assert.Equal("2,3,5,6", await Cursors(new StoreQuery { Limit = 100, NotExpiredAt = now, ExcludeSuperseded = true }));
        Assert.Equal("1,2,3,5,6", await Cursors(new StoreQuery { Limit = 100, NotExpiredAt = now }));
        Assert.Equal("2,3,4,5,6", await Cursors(new StoreQuery { Limit = 100, ExcludeSuperseded = true }));
        Assert.Equal("4,5", await Cursors(new StoreQuery { Limit = 2, AfterCursor = 3, Kinds = ["alert"] }));
        Assert.Empty(await Cursors(new StoreQuery { Limit = 10, AfterCursor = 6 }));
        Assert.Empty(await Cursors(new StoreQuery { Limit = 10, Kinds = ["resource"] }));
    }

    /// <summary>Query returns the limit even when many rows in between do not match (a store must not stop early).</summary>
    [Fact]
    public async Task Query_skips_what_does_not_match_and_still_fills_the_limit()
    {
        for (var i = 0; i < 300; i++)
        {
            await Store.AppendAsync(Message($"m{i}", kind: i % 50 == 0 ? "alert" : "observation"), Cancel);
        }

        var alerts = await Store.QueryAsync(new StoreQuery { Limit = 5, Kinds = ["alert"] }, Cancel);
        Assert.Equal([1L, 51, 101, 151, 201], alerts.Select(m => m.Cursor));
    }
}
