using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityRisk.Storage;
using Xunit;

namespace CityRisk.Testing.Storage;

/// <summary>
/// The enterprise store contract suite: the rules every <see cref="IEnterpriseStore"/> must follow (docs/protocol.md
/// §3.8, §6.13, §11.9: facts and grants written with their revision and only when it is appended; the access rule of
/// <see cref="EnterpriseGrantFacts.Covers"/> with its attribution order; filters, both orders and keyset paging; counts
/// of what the reader may read only; the audit in sequence, newest first), as xunit v3 tests. The in-memory and SQLite
/// stores pass it; inherit it to prove a store of your own.
/// </summary>
public abstract class EnterpriseStoreContract : StoreSeamContract<IEnterpriseStore>
{
    private const string Regulator = "foshan-yjj";
    private const string Insurer = "pingan-insurance";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A profile's facts; <paramref name="score"/> null for one without periods.</summary>
    protected static EnterpriseFacts Facts(string id, string jurisdiction = "440605", string industry = "C2614", double? score = 50, string owner = Regulator, long revision = 1,
        string grade = "Significant", bool chemicals = true) => new()
    {
        Owner = owner,
        Id = id,
        Revision = revision,
        Name = "企业 " + id,
        Industry = industry,
        Jurisdiction = jurisdiction,
        Longitude = 113.02,
        Latitude = 23.13,
        Employees = 100,
        HazardousChemicals = chemicals,
        MajorHazardSource = false,
        RiskGrade = grade,
        Insured = true,
        Insurer = Insurer,
        UpdatedAt = "2026-11-20T10:00:00+08:00",
        RiskScore = score,
        Periods = score is { } s
            ? [
                new EnterprisePeriodFacts { From = "2024-01-01T00:00:00+08:00", To = "2025-01-01T00:00:00+08:00", Inspections = 1, HiddenDangersFound = 2, HiddenDangersRectified = 2, HiddenDangersOverdue = 0, MajorHiddenDangers = 0, Penalties = 0, Accidents = 0, Deaths = 0, Injuries = 0, RectificationRate = 1, OverdueRate = 0, AccidentsPerYear = 0, RiskScore = s - 1 },
                new EnterprisePeriodFacts { From = "2025-01-01T00:00:00+08:00", To = "2026-01-01T00:00:00+08:00", Inspections = 2, HiddenDangersFound = 0, HiddenDangersRectified = 0, HiddenDangersOverdue = 0, MajorHiddenDangers = 0, Penalties = 1, Accidents = 1, Deaths = 0, Injuries = 1, AccidentsPerYear = 1, AccidentsPer100Employees = 1, RiskScore = s },
            ]
            : [],
    };

    /// <summary>A grant's facts: a consent when <paramref name="creditCode"/> is set, else an agreement.</summary>
    protected static EnterpriseGrantFacts Grant(string id, string? creditCode = null, string prefix = "440605", string[]? industries = null, bool active = true, long revision = 1,
        DateTimeOffset? from = null, DateTimeOffset? until = null, string owner = Regulator, string insurer = Insurer) => new()
    {
        Owner = owner,
        Id = id,
        Revision = revision,
        Insurer = insurer,
        CreditCode = creditCode,
        JurisdictionPrefix = creditCode is null ? prefix : null,
        IndustryPrefixes = creditCode is null ? industries ?? ["C26"] : [],
        ValidFrom = from ?? Now.AddDays(-1),
        ValidUntil = until ?? Now.AddDays(30),
        Active = active,
    };

    /// <summary>The message of an entity's revision.</summary>
    protected static StoredMessage Revision(string kind, string owner, string id, long revision, string content = "payload") => new()
    {
        Sender = owner,
        Id = $"{kind}/{id}/{revision}",
        Kind = kind,
        EntityId = id,
        Revision = revision,
        ContentHash = SHA256.HashData(Encoding.UTF8.GetBytes(content)),
        Envelope = Encoding.UTF8.GetBytes($"revision {revision} of {id}: {content}"),
    };

    private async Task<AppendOutcome> AddAsync(EnterpriseFacts facts, string content = "payload") =>
        (await Store.AppendEnterpriseProfileAsync(Revision("enterprise-profile", facts.Owner, facts.Id, facts.Revision, content), facts, Cancel)).Outcome;

    private async Task<AppendOutcome> AddAsync(EnterpriseGrantFacts grant) =>
        (await Store.AppendEnterpriseGrantAsync(Revision("enterprise-grant", grant.Owner, grant.Id, grant.Revision, grant.Active ? "active" : "revoked"), grant, Cancel)).Outcome;

    private static EnterpriseQuery AsInsurer(DateTimeOffset? at = null) => new() { Reader = Insurer, AsInsurer = true, At = at ?? Now, Limit = 100 };

    private static EnterpriseQuery AsRegulator() => new() { Reader = Regulator, Own = true, At = Now, Limit = 100 };

    private async Task<string> ReadAsync(EnterpriseQuery query) =>
        string.Join(" ", (await Store.QueryEnterprisesAsync(query, Cancel)).Select(r => r.GrantId is null ? r.Facts.Id : $"{r.Facts.Id}@{r.GrantId}"));

    /// <summary>Facts are written with their revision only when it is appended, and replaced by the next revision; the record points at the revision's message; a pruned revision is not read.</summary>
    [Fact]
    public virtual async Task Facts_follow_the_appended_revision_only()
    {
        Assert.Equal(AppendOutcome.Appended, await AddAsync(Facts("A", score: 10)));
        Assert.Equal(AppendOutcome.Duplicate, await AddAsync(Facts("A", score: 99)));
        Assert.Equal(AppendOutcome.Conflict, await AddAsync(Facts("A", score: 99), "other content"));
        Assert.Equal(AppendOutcome.RevisionConflict, await AddAsync(Facts("A", score: 99, revision: 3)));
        var first = Assert.Single(await Store.QueryEnterprisesAsync(AsRegulator() with { WithEnvelope = true }, Cancel));
        Assert.Equal(10, first.Facts.RiskScore);
        Assert.Equal("revision 1 of A: payload", Encoding.UTF8.GetString(first.Envelope!));
        Assert.Equal((await Log.GetLatestRevisionAsync("enterprise-profile", Regulator, "A", Cancel))!.Cursor, first.Cursor);

        Assert.Equal(AppendOutcome.Appended, await AddAsync(Facts("A", score: null, revision: 2, grade: "Low")));
        var second = Assert.Single(await Store.QueryEnterprisesAsync(AsRegulator() with { WithPeriods = true }, Cancel));
        Assert.Equal((2L, (double?)null, "Low", 0), (second.Facts.Revision, second.Facts.RiskScore, second.Facts.RiskGrade, second.Facts.Periods.Count));
        Assert.Empty(await Store.QueryEnterprisesAsync(AsRegulator() with { Reader = "another-regulator" }, Cancel));

        // Retention pruned the revision from the log: the profile is read by nobody, and counted by nobody.
        await Log.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), Cancel);
        Assert.Empty(await Store.QueryEnterprisesAsync(AsRegulator(), Cancel));
        Assert.Equal(0, await Store.CountEnterprisesAsync(AsRegulator(), Cancel));
    }

    /// <summary>An agreement covers its owner's profiles within its division and industries, a consent its enterprise; not another owner's, not outside its validity, not once revoked.</summary>
    [Fact]
    public virtual async Task Grants_cover_exactly_what_the_access_rule_says()
    {
        await AddAsync(Facts("IN", "440605", "C2614", 60));
        await AddAsync(Facts("OTHERDISTRICT", "440606", "C2614", 55));
        await AddAsync(Facts("OTHERINDUSTRY", "440605", "C1711", 50));
        await AddAsync(Facts("CONSENTED", "440606", "C1711", 45));
        await AddAsync(Facts("OTHEROWNER", "440605", "C2614", 40, owner: "shenzhen-yjj"));
        await AddAsync(Facts("CITYWIDE", "440604", "C2661", 35));
        Assert.Equal(string.Empty, await ReadAsync(AsInsurer()));

        await AddAsync(Grant("g-nanhai"));
        await AddAsync(Grant("c-consent", creditCode: "CONSENTED"));
        await AddAsync(Grant("g-later", prefix: "4406", from: Now.AddDays(1)));
        await AddAsync(Grant("g-over", prefix: "4406", until: Now.AddMinutes(-1)));
        await AddAsync(Grant("g-someone-else", prefix: "4406", insurer: "cpic-insurance"));
        Assert.Equal("IN@g-nanhai CONSENTED@c-consent", await ReadAsync(AsInsurer()));
        Assert.Equal(2, await Store.CountEnterprisesAsync(AsInsurer(), Cancel));
        Assert.Equal("CONSENTED@c-consent", await ReadAsync(AsInsurer() with { CreditCode = "CONSENTED", ByScore = false }));
        Assert.Equal("IN@g-nanhai", await ReadAsync(AsInsurer() with { CreditCode = "IN" }));
        Assert.Equal(string.Empty, await ReadAsync(AsInsurer() with { CreditCode = "OTHEROWNER" }));
        Assert.Equal("IN@g-later OTHERDISTRICT@g-later CONSENTED@c-consent CITYWIDE@g-later", await ReadAsync(AsInsurer(Now.AddDays(2))));

        // A consent before an agreement, then the lowest id.
        await AddAsync(Grant("a-consent", creditCode: "IN"));
        Assert.Equal("IN@a-consent CONSENTED@c-consent", await ReadAsync(AsInsurer()));

        await AddAsync(Grant("a-consent", creditCode: "IN", active: false, revision: 2));
        await AddAsync(Grant("c-consent", creditCode: "CONSENTED", active: false, revision: 2));
        Assert.Equal("IN@g-nanhai", await ReadAsync(AsInsurer()));
        await AddAsync(Grant("g-nanhai", active: false, revision: 2));
        Assert.Equal(string.Empty, await ReadAsync(AsInsurer()));
        Assert.Equal(0, await Store.CountEnterprisesAsync(AsInsurer(), Cancel));
        Assert.Equal(["a-consent", "c-consent", "g-later", "g-nanhai", "g-over"], (await Store.GrantsForAsync(Insurer, Cancel)).Select(g => g.Id));
    }

    /// <summary>Filters select, both orders hold (no score last), and pages of any size give every profile once.</summary>
    [Fact]
    public virtual async Task Filters_orders_and_pages_give_every_profile_once()
    {
        var scores = new double?[] { 30, 80, null, 55.5, 80, 10, null, 62 };
        for (var i = 0; i < scores.Length; i++)
        {
            await AddAsync(Facts(((char)('H' - i)).ToString(), jurisdiction: i % 2 == 0 ? "440605" : "440606", industry: i % 3 == 0 ? "C2614" : "C2661", score: scores[i],
                grade: i < 4 ? "Significant" : "General", chemicals: i != 5));
        }

        Assert.Equal("D G A E H C B F", await ReadAsync(AsRegulator()));
        Assert.Equal("A B C D E F G H", await ReadAsync(AsRegulator() with { ByScore = false }));
        Assert.Equal("E H", await ReadAsync(AsRegulator() with { MinScore = 30, MaxScore = 60 }));
        Assert.Equal("H", await ReadAsync(AsRegulator() with { Jurisdictions = ["440605"], Industries = ["C2614"], MinScore = 20 }));
        Assert.Equal("D A C B", await ReadAsync(AsRegulator() with { RiskGrades = ["General"] }));
        Assert.Equal("C", await ReadAsync(AsRegulator() with { HazardousChemicals = false }));
        Assert.Equal(3, await Store.CountEnterprisesAsync(AsRegulator() with { Industries = ["C2614"] }, Cancel));

        foreach (var byScore in new[] { true, false })
        {
            foreach (var size in new[] { 1, 3 })
            {
                var seen = new List<string>();
                EnterprisePosition? after = null;
                while (true)
                {
                    var page = await Store.QueryEnterprisesAsync(AsRegulator() with { ByScore = byScore, Limit = size, After = after, WithPeriods = true }, Cancel);
                    seen.AddRange(page.Select(r => r.Facts.Id));
                    Assert.All(page, r => Assert.Equal(r.Facts.RiskScore is null ? 0 : 2, r.Facts.Periods.Count));
                    if (page.Count < size)
                    {
                        break;
                    }

                    after = EnterprisePosition.Of(page[^1].Facts);
                }

                Assert.Equal(await ReadAsync(AsRegulator() with { ByScore = byScore }), string.Join(" ", seen));
            }
        }
    }

    /// <summary>
    /// An insurer's pages mix what its agreements cover with what enterprises consented to, in either order: every
    /// profile it may read comes once in pages of any size (an enterprise that consented twice, or is also covered by an
    /// agreement, too), filters apply to consented profiles as to covered ones, and an expired consent counts for nothing.
    /// </summary>
    [Fact]
    public virtual async Task An_insurers_pages_mix_agreements_and_consents_once_each()
    {
        var scores = new double?[] { 30, 80, null, 55.5, 80, 10, null, 62, 45, 70 };
        for (var i = 0; i < scores.Length; i++)
        {
            // Ids interleave the covered (440605 C26) and the consented (other districts) in both orders.
            await AddAsync(Facts(((char)('A' + i)).ToString(), jurisdiction: i % 2 == 0 ? "440605" : "440606", industry: i % 4 == 3 ? "C1711" : "C2614",
                score: scores[i], chemicals: i != 7));
        }

        await AddAsync(Grant("g-nanhai"));
        await AddAsync(Grant("c-b", creditCode: "B"));
        await AddAsync(Grant("c-b-again", creditCode: "B"));
        await AddAsync(Grant("c-c", creditCode: "C"));
        await AddAsync(Grant("c-f", creditCode: "F"));
        await AddAsync(Grant("c-h", creditCode: "H"));
        await AddAsync(Grant("c-j-expired", creditCode: "J", until: Now.AddMinutes(-1)));
        Assert.Equal("B@c-b E@g-nanhai H@c-h I@g-nanhai A@g-nanhai F@c-f C@c-c G@g-nanhai", await ReadAsync(AsInsurer()));
        Assert.Equal("A B C E F G H I", string.Join(" ", (await Store.QueryEnterprisesAsync(AsInsurer() with { ByScore = false }, Cancel)).Select(r => r.Facts.Id)));
        Assert.Equal("B E H I", string.Join(" ", (await Store.QueryEnterprisesAsync(AsInsurer() with { MinScore = 40 }, Cancel)).Select(r => r.Facts.Id)));
        Assert.Equal("A B C E F G I", string.Join(" ", (await Store.QueryEnterprisesAsync(AsInsurer() with { HazardousChemicals = true, ByScore = false }, Cancel)).Select(r => r.Facts.Id)));
        Assert.Equal(8, await Store.CountEnterprisesAsync(AsInsurer(), Cancel));

        foreach (var byScore in new[] { true, false })
        {
            foreach (var size in new[] { 1, 2, 3 })
            {
                var seen = new List<string>();
                EnterprisePosition? after = null;
                while (true)
                {
                    var page = await Store.QueryEnterprisesAsync(AsInsurer() with { ByScore = byScore, Limit = size, After = after }, Cancel);
                    seen.AddRange(page.Select(r => r.Facts.Id));
                    if (page.Count < size)
                    {
                        break;
                    }

                    after = EnterprisePosition.Of(page[^1].Facts);
                }

                Assert.Equal(string.Join(" ", (await Store.QueryEnterprisesAsync(AsInsurer() with { ByScore = byScore }, Cancel)).Select(r => r.Facts.Id)), string.Join(" ", seen));
            }
        }

        // Consents alone: B, consented twice, is still read once.
        await AddAsync(Grant("g-nanhai", active: false, revision: 2));
        Assert.Equal("B@c-b H@c-h F@c-f C@c-c", await ReadAsync(AsInsurer()));
        Assert.Equal("B@c-b C@c-c F@c-f H@c-h", await ReadAsync(AsInsurer() with { ByScore = false }));
        Assert.Equal(4, await Store.CountEnterprisesAsync(AsInsurer(), Cancel));
    }

    /// <summary>
    /// An insurer's pages by credit code follow the access rule (<see cref="EnterpriseGrantFacts.Covers"/>) over many
    /// places: agreements of two owners, two agreements on one place with different industries, a city-wide one over
    /// 80 districts, consents on covered and uncovered profiles; every profile it may read comes once, in credit-code
    /// order, in pages of any size, with and without a filter; and are counted once each.
    /// </summary>
    [Fact]
    public virtual async Task An_insurers_pages_by_credit_code_follow_the_access_rule_over_many_places()
    {
        const string OtherRegulator = "shenzhen-yjj";
        string[] industries = ["C2614", "C1711", "C3311"];
        var profiles = new List<EnterpriseFacts>();
        for (var i = 0; i < 240; i++)
        {
            // One profile in each of 80 districts, the rest in three of them; credit codes do not follow places, so each
            // place's profiles are spread over the whole order.
            var place = i < 80 ? i + 1 : new[] { 5, 6, 8 }[i % 3];
            var facts = Facts("E" + (i * 73 % 240).ToString("D3", CultureInfo.InvariantCulture), jurisdiction: "4406" + place.ToString("D2", CultureInfo.InvariantCulture),
                industry: industries[i / 3 % 3], score: i % 100, owner: i % 7 == 0 ? OtherRegulator : Regulator);
            profiles.Add(facts);
            await AddAsync(facts);
        }

        var grants = new List<EnterpriseGrantFacts>
        {
            Grant("g-05", prefix: "440605"),
            Grant("g-06-c26", prefix: "440606"),
            Grant("g-06-c17", prefix: "440606", industries: ["C17"]),
            Grant("g-other-05", prefix: "440605", owner: OtherRegulator),
            Grant("g-other-08", prefix: "440608", industries: ["C"], owner: OtherRegulator),
            Grant("c-covered", creditCode: profiles[84].Id, owner: profiles[84].Owner),
            Grant("c-apart", creditCode: profiles[10].Id, owner: profiles[10].Owner),
            Grant("c-apart-again", creditCode: profiles[10].Id, owner: profiles[10].Owner),
            Grant("c-another-owners", creditCode: profiles[10].Id, owner: OtherRegulator),
        };

        async Task CheckAsync(string because)
        {
            foreach (var minScore in new double?[] { null, 40 })
            {
                var expected = profiles
                    .Where(p => grants.Any(g => g.Covers(p.Owner, p.Id, p.Jurisdiction, p.Industry, Now)) && (minScore is null || p.RiskScore >= minScore))
                    .OrderBy(p => p.Id, StringComparer.Ordinal).ThenBy(p => p.Owner, StringComparer.Ordinal)
                    .Select(p => p.Id).ToList();
                Assert.Equal(expected.Count, await Store.CountEnterprisesAsync(AsInsurer() with { MinScore = minScore }, Cancel));
                foreach (var size in new[] { 1, 7, 500 })
                {
                    var seen = new List<string>();
                    EnterprisePosition? after = null;
                    while (true)
                    {
                        var page = await Store.QueryEnterprisesAsync(AsInsurer() with { ByScore = false, MinScore = minScore, Limit = size, After = after }, Cancel);
                        seen.AddRange(page.Select(r => r.Facts.Id));
                        if (page.Count < size)
                        {
                            break;
                        }

                        after = EnterprisePosition.Of(page[^1].Facts);
                    }

                    Assert.True(expected.SequenceEqual(seen), $"{because}, score >= {minScore?.ToString(CultureInfo.InvariantCulture) ?? "any"}, pages of {size}: expected [{string.Join(" ", expected)}], read [{string.Join(" ", seen)}].");
                }
            }
        }

        foreach (var grant in grants)
        {
            await AddAsync(grant);
        }

        await CheckAsync("agreements over a few places");

        grants.Add(Grant("g-city", prefix: "4406", industries: ["C33"]));
        await AddAsync(grants[^1]);
        await CheckAsync("and a city-wide agreement over 80 places");
    }

    /// <summary>Reads are recorded in sequence and listed for their profiles' owner only, newest first, filtered and paged.</summary>
    [Fact]
    public virtual async Task The_audit_lists_an_owners_reads_newest_first()
    {
        EnterpriseRead Read(string code, string via, int minutes, string owner = Regulator, string insurer = Insurer) => new()
        {
            ReadAt = Now.AddMinutes(minutes), Insurer = insurer, Owner = owner, CreditCode = code, Revision = 1, GrantId = "g", GrantRevision = 1, Via = via,
        };

        await Store.RecordReadsAsync([Read("A", "query", 0), Read("B", "query", 0)], Cancel);
        await Store.RecordReadsAsync([], Cancel);
        await Store.RecordReadsAsync([Read("A", "get", 1), Read("A", "export", 2, owner: "shenzhen-yjj"), Read("B", "export", 3, insurer: "cpic-insurance")], Cancel);

        var all = await Store.QueryReadsAsync(new EnterpriseReadQuery { Owner = Regulator }, Cancel);
        Assert.Equal(["B export", "A get", "B query", "A query"], all.Select(r => $"{r.CreditCode} {r.Via}"));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence > p.Second.Sequence), "sequences increase with each read");
        Assert.Equal(Now.AddMinutes(1), all[1].ReadAt);
        Assert.Equal(["A get", "A query"], (await Store.QueryReadsAsync(new EnterpriseReadQuery { Owner = Regulator, CreditCode = "A" }, Cancel)).Select(r => $"{r.CreditCode} {r.Via}"));
        Assert.Equal(["A get", "B query", "A query"], (await Store.QueryReadsAsync(new EnterpriseReadQuery { Owner = Regulator, Insurer = Insurer }, Cancel)).Select(r => $"{r.CreditCode} {r.Via}"));
        Assert.Equal(["A get"], (await Store.QueryReadsAsync(new EnterpriseReadQuery { Owner = Regulator, From = Now.AddMinutes(1), To = Now.AddMinutes(3) }, Cancel)).Select(r => $"{r.CreditCode} {r.Via}"));
        var page = await Store.QueryReadsAsync(new EnterpriseReadQuery { Owner = Regulator, Limit = 2 }, Cancel);
        var rest = await Store.QueryReadsAsync(new EnterpriseReadQuery { Owner = Regulator, BeforeSequence = page[^1].Sequence }, Cancel);
        Assert.Equal(all.Select(r => r.Sequence), page.Concat(rest).Select(r => r.Sequence));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{1}"), Assert.Single(await Store.QueryReadsAsync(new EnterpriseReadQuery { Owner = "shenzhen-yjj" }, Cancel)).Revision.ToString(CultureInfo.InvariantCulture));
    }
}
