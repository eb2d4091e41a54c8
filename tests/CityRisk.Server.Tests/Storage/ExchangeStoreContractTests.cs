using System.Security.Cryptography;
using System.Text;
using CityRisk.Server.Storage;

namespace CityRisk.Server.Tests.Storage;

/// <summary>The semantics every store must have (PROTOCOL.md: identity, idempotency, revisions, cursors), run against each store.</summary>
public abstract class ExchangeStoreContractTests : IAsyncLifetime
{
    private IExchangeStore? _store;

    private protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private protected IExchangeStore Store => _store ?? throw new InvalidOperationException("not initialised");

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private protected abstract Task<IExchangeStore> CreateStoreAsync();

    public virtual async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    internal static StoredMessage Message(string id, string content = "payload", string sender = "foshan-em", string kind = "alert", string? entity = null, long revision = 0) => new()
    {
        Sender = sender,
        Id = id,
        Kind = kind,
        EntityId = entity,
        Revision = revision,
        ContentHash = SHA256.HashData(Encoding.UTF8.GetBytes(content)),
        Envelope = Encoding.UTF8.GetBytes($"envelope of {id}: {content}"),
    };

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

    [Fact]
    public async Task Same_sender_and_id_with_same_content_is_a_duplicate_with_the_original_cursor()
    {
        await Store.AppendAsync(Message("a0"), Cancel);
        var original = await Store.AppendAsync(Message("a1"), Cancel);
        var again = await Store.AppendAsync(Message("a1"), Cancel);
        Assert.Equal(AppendResult.Duplicate(original.Cursor), again);
        Assert.Equal(2, await Store.GetLastCursorAsync(Cancel));
    }

    [Fact]
    public async Task Same_sender_and_id_with_other_content_is_a_conflict_and_nothing_is_written()
    {
        var original = await Store.AppendAsync(Message("a1", "v1"), Cancel);
        var changed = await Store.AppendAsync(Message("a1", "v2"), Cancel);
        Assert.Equal(AppendResult.Conflict(original.Cursor), changed);
        Assert.Equal("envelope of a1: v1", Encoding.UTF8.GetString((await Store.GetMessageAsync("foshan-em", "a1", Cancel))!.Envelope));
    }

    [Fact]
    public async Task The_same_id_from_another_sender_is_another_message()
    {
        await Store.AppendAsync(Message("a1"), Cancel);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("a1", sender: "macau-smg"), Cancel)).Outcome);
    }

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

    [Fact]
    public async Task Entities_are_keyed_by_kind_owner_and_id()
    {
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("h-1", kind: "hazard", entity: "x", revision: 1), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("r-1", kind: "resource", entity: "x", revision: 1), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendAsync(Message("h-1", sender: "macau-smg", kind: "hazard", entity: "x", revision: 1), Cancel)).Outcome);
    }

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

    [Fact]
    public async Task Concurrent_publishes_of_one_id_store_it_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Store.AppendAsync(Message("same"), Cancel), Cancel)));
        Assert.Single(results, r => r.Outcome == AppendOutcome.Appended);
        Assert.All(results, r => Assert.Equal(1, r.Cursor));
    }

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

    [Fact]
    public async Task Health_is_reported() => Assert.True((await Store.CheckHealthAsync(Cancel)).Healthy);
}

public sealed class InMemoryExchangeStoreTests : ExchangeStoreContractTests
{
    private protected override Task<IExchangeStore> CreateStoreAsync() => Task.FromResult<IExchangeStore>(new InMemoryExchangeStore(Time));
}
