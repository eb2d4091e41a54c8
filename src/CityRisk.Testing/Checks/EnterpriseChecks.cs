using System.Globalization;
using System.Text.Json;
using CityRisk.Enterprises;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>
/// The enterprises capability (docs/insurers.md; docs/protocol.md §3.8, §6.13): an insurer reads a profile only under a
/// grant in force (a consent or an agreement, not revoked, not expired), nothing else exists for it on any read path
/// (Get, query, count, export), the wrong roles are PERMISSION_DENIED, every read is in the regulator's audit, and the
/// indicators over the wire are the vectors'. Each check uses an industry class of its own (a random code of section
/// S), so profiles and grants of other runs on a long-lived endpoint stay out of its queries; it revokes its grants
/// at the end and gives them a validity of an hour.
/// </summary>
internal static class EnterpriseChecks
{
    private const string Nanhai = "440605";
    private const string Shunde = "440606";
    private const string Sanshui = "440607";
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The ways an insurer reads, as the audit names them.</summary>
    private static readonly string[] Reads = ["export", "query", "get"];

    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("ENT-001", ConformanceCapability.Enterprises, "docs/protocol.md §3.8 (grants), §5.5; docs/insurers.md, \"Access\"",
            "An insurer Gets a profile only under a grant in force: an agreement covers its division and industry and nothing beside, a consent its enterprise; an expired agreement, a revoked consent and, once revoked, the agreement cover nothing (NOT_FOUND).", async (c, ct) =>
        {
            var (regulator, insurer) = Parties(c);
            var industry = Industry();
            var covered = await PublishProfileAsync(c, regulator, Nanhai, industry, ct).ConfigureAwait(false);
            var otherDivision = await PublishProfileAsync(c, regulator, Shunde, industry, ct).ConfigureAwait(false);
            var consented = await PublishProfileAsync(c, regulator, Shunde, industry, ct).ConfigureAwait(false);
            var underExpired = await PublishProfileAsync(c, regulator, Sanshui, industry, ct).ConfigureAwait(false);
            var underRevoked = await PublishProfileAsync(c, regulator, Shunde, industry, ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, insurer, covered, "before any grant", ct).ConfigureAwait(false);

            var agreement = await GrantAsync(c, regulator, Agreement(c, regulator, insurer, Nanhai, industry), ct).ConfigureAwait(false);
            await GrantAsync(c, regulator, Consent(c, regulator, insurer, consented), ct).ConfigureAwait(false);
            await GrantAsync(c, regulator, Agreement(c, regulator, insurer, Sanshui, industry) with { ValidFrom = ConformanceContext.Now().AddDays(-2), ValidUntil = ConformanceContext.Now().AddDays(-1) }, ct).ConfigureAwait(false);
            var revokedConsent = await GrantAsync(c, regulator, Consent(c, regulator, insurer, underRevoked), ct).ConfigureAwait(false);
            await RevokeAsync(c, regulator, revokedConsent, ct).ConfigureAwait(false);

            await ExpectReadableAsync(c, insurer, covered, "under an agreement for its division and industry", ct).ConfigureAwait(false);
            await ExpectReadableAsync(c, insurer, consented, "under its enterprise's consent", ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, insurer, otherDivision, "in a division no grant covers", ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, insurer, underExpired, "under an agreement whose validity ended yesterday", ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, insurer, underRevoked, "under a revoked consent", ct).ConfigureAwait(false);

            await RevokeAsync(c, regulator, agreement, ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, insurer, covered, "once the agreement covering it is revoked", ct).ConfigureAwait(false);
            await ExpectCodesAsync(c, insurer, new EnterpriseQueryRequest { Industries = { industry } }, [consented.Id], "after the agreement is revoked", ct).ConfigureAwait(false);
        });

        yield return new("ENT-002", ConformanceCapability.Enterprises, "docs/protocol.md §5.5 (no existence leaks), §6.13 (QueryEnterprises, ExportEnterprises, QueryEnterpriseAudit)",
            "Query, its total and the export show an insurer exactly what its grants cover and count nothing else; the regulator sees all of its own; a partner with neither role, and an insurer asking for the audit or publishing a profile, are PERMISSION_DENIED.", async (c, ct) =>
        {
            var (regulator, insurer) = Parties(c);
            var industry = Industry();
            var visible = new List<EnterpriseRiskProfile>();
            var hidden = new List<EnterpriseRiskProfile>();
            for (var i = 0; i < 2; i++)
            {
                visible.Add(await PublishProfileAsync(c, regulator, Nanhai, industry, ct).ConfigureAwait(false));
            }

            for (var i = 0; i < 3; i++)
            {
                hidden.Add(await PublishProfileAsync(c, regulator, Shunde, industry, ct).ConfigureAwait(false));
            }

            var agreement = await GrantAsync(c, regulator, Agreement(c, regulator, insurer, Nanhai, industry), ct).ConfigureAwait(false);
            var query = new EnterpriseQueryRequest { Industries = { industry }, IncludeTotal = true, OrderBy = "credit_code" };
            var expected = visible.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
            await ExpectCodesAsync(c, insurer, query, expected, "with an agreement for one of the two divisions", ct).ConfigureAwait(false);
            var total = (await c.Client.QueryEnterprisesAsync(query, ConformanceContext.As(insurer, ct)).ResponseAsync.ConfigureAwait(false)).Total;
            if (total != 2)
            {
                throw new ConformanceFailedException("the insurer's total to count the 2 profiles it may read and none of the 3 it may not", total.ToString(CultureInfo.InvariantCulture));
            }

            var exported = (await ExportAsync(c, insurer, query, ct).ConfigureAwait(false)).Select(r => r.CreditCode).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!exported.SequenceEqual(expected))
            {
                throw new ConformanceFailedException($"the insurer's export to hold exactly {string.Join(", ", expected)}", string.Join(", ", exported));
            }

            var own = (await c.Client.QueryEnterprisesAsync(query, ConformanceContext.As(regulator, ct)).ResponseAsync.ConfigureAwait(false)).Total;
            if (own != 5)
            {
                throw new ConformanceFailedException("the regulator's total to count all 5 of its own profiles", own.ToString(CultureInfo.InvariantCulture));
            }

            var outsider = c.Identities.Outsider;
            await ConformanceContext.ExpectStatusAsync(() => c.Client.QueryEnterprisesAsync(query, ConformanceContext.As(outsider, ct)).ResponseAsync, StatusCode.PermissionDenied,
                "QueryEnterprises by a partner that is neither insurer nor regulator").ConfigureAwait(false);
            await ConformanceContext.ExpectStatusAsync(() => ExportAsync(c, outsider, query, ct), StatusCode.PermissionDenied,
                "ExportEnterprises by a partner that is neither insurer nor regulator").ConfigureAwait(false);
            await ConformanceContext.ExpectStatusAsync(() => c.Client.QueryEnterpriseAuditAsync(new EnterpriseAuditRequest(), ConformanceContext.As(outsider, ct)).ResponseAsync, StatusCode.PermissionDenied,
                "QueryEnterpriseAudit by a partner that is not a regulator").ConfigureAwait(false);
            await ConformanceContext.ExpectStatusAsync(() => c.Client.QueryEnterpriseAuditAsync(new EnterpriseAuditRequest(), ConformanceContext.As(insurer, ct)).ResponseAsync, StatusCode.PermissionDenied,
                "QueryEnterpriseAudit by the insurer").ConfigureAwait(false);
            await ExpectHiddenAsync(c, outsider, visible[0], "by a partner that is neither insurer nor regulator", ct).ConfigureAwait(false);
            var byInsurer = Profile(insurer, Nanhai, industry);
            await EntityPublishing.RefusedAsync(c, insurer, byInsurer, EnterpriseEnvelope.Derive(byInsurer), StatusCode.PermissionDenied, "a profile published by the insurer (not a regulator)", ct).ConfigureAwait(false);
            await RevokeAsync(c, regulator, agreement, ct).ConfigureAwait(false);
        });

        yield return new("ENT-003", ConformanceCapability.Enterprises, "docs/protocol.md §6.13 (every read by an insurer is recorded before it is answered); docs/insurers.md, \"Audit\"",
            "A Get, a query and an export of a profile by the insurer each leave an entry in the regulator's audit (insurer, profile, revision, grant, how); the regulator's own reads leave none.", async (c, ct) =>
        {
            var (regulator, insurer) = Parties(c);
            var industry = Industry();
            var profile = await PublishProfileAsync(c, regulator, Shunde, industry, ct).ConfigureAwait(false);
            var consent = await GrantAsync(c, regulator, Consent(c, regulator, insurer, profile), ct).ConfigureAwait(false);
            await ExpectReadableAsync(c, regulator, profile, "by its regulator", ct).ConfigureAwait(false);
            await ExpectReadableAsync(c, insurer, profile, "under a consent", ct).ConfigureAwait(false);
            var query = new EnterpriseQueryRequest { Industries = { industry } };
            await ExpectCodesAsync(c, insurer, query, [profile.Id], "under a consent", ct).ConfigureAwait(false);
            _ = await ExportAsync(c, insurer, query, ct).ConfigureAwait(false);

            var audit = await c.Client.QueryEnterpriseAuditAsync(new EnterpriseAuditRequest { CreditCode = profile.Id, PageSize = 100 }, ConformanceContext.As(regulator, ct)).ResponseAsync.ConfigureAwait(false);
            var got = audit.Entries.Select(e => $"{e.Via} by {e.Insurer} of {e.Profile?.Id} r{e.Revision} under {e.Grant?.Id} r{e.GrantRevision}").ToList();
            foreach (var via in Reads)
            {
                var entry = $"{via} by {insurer.PartnerId} of {profile.Id} r1 under {consent.Id} r1";
                if (!got.Contains(entry))
                {
                    throw new ConformanceFailedException($"the regulator's audit to hold \"{entry}\"", got.Count == 0 ? "no entries" : string.Join("; ", got));
                }
            }

            if (got.Count != 3)
            {
                throw new ConformanceFailedException("exactly the insurer's three reads in the audit (the regulator's own read is not an insurer's)", string.Join("; ", got));
            }

            await RevokeAsync(c, regulator, consent, ct).ConfigureAwait(false);
        });

        yield return new("ENT-004", ConformanceCapability.Enterprises, "docs/protocol.md §6.13 (each row's indicators, the risk score); docs/insurers.md, \"Indicators\" and \"Risk score\"; conformance/enterprise-indicators",
            "Each indicator vector's profile, published, comes back with each period's indicators in the export and its latest period's risk score in the query, as the vector fixes them.", async (c, ct) =>
        {
            var (regulator, _) = Parties(c);
            var industry = Industry();
            foreach (var vector in EnterpriseIndicatorVectors.All)
            {
                var code = NewCode(Nanhai);
                var profile = vector.Profile with { Id = code, CreditCode = code, Owner = regulator.PartnerId, Revision = 1, Industry = industry, Insurer = null, Insured = false, UpdatedAt = ConformanceContext.Now() };
                await EntityPublishing.PublishAsync(c, regulator, profile, EnterpriseEnvelope.Derive(profile), ct).ConfigureAwait(false);
                var query = new EnterpriseQueryRequest { Industries = { industry } };
                var rows = (await ExportAsync(c, regulator, query, ct).ConfigureAwait(false)).Where(r => r.CreditCode == code).ToList();
                if (rows.Count != vector.Expected.Count)
                {
                    throw new ConformanceFailedException($"{vector.Id}: {vector.Expected.Count} export row(s), one per period", rows.Count.ToString(CultureInfo.InvariantCulture));
                }

                for (var i = 0; i < rows.Count; i++)
                {
                    var (row, expected) = (rows[i], vector.Expected[i]);
                    var got = Describe(row.HasRectificationRate ? row.RectificationRate : null, row.HasOverdueRate ? row.OverdueRate : null, row.HasMajorHiddenDangers ? row.MajorHiddenDangers : 0,
                        row.HasAccidentsPerYear ? row.AccidentsPerYear : double.NaN, row.HasAccidentsPer100Employees ? row.AccidentsPer100Employees : null, row.HasRiskScore ? row.RiskScore : double.NaN);
                    var want = Describe(expected.RectificationRate, expected.OverdueRate, expected.MajorHiddenDangers, expected.AccidentsPerYear, expected.AccidentsPer100Employees, expected.RiskScore);
                    if (got != want)
                    {
                        throw new ConformanceFailedException($"{vector.Id}, period {i}: the export's indicators {want}", got);
                    }
                }

                var entry = (await c.Client.QueryEnterprisesAsync(query, ConformanceContext.As(regulator, ct)).ResponseAsync.ConfigureAwait(false)).Items.FirstOrDefault(e => e.Envelope?.Entity?.Id == code);
                var latest = vector.Expected[^1].RiskScore;
                if (entry is null || !entry.HasRiskScore || entry.RiskScore != latest)
                {
                    throw new ConformanceFailedException($"{vector.Id}: the query's risk_score {latest.ToString(CultureInfo.InvariantCulture)} (its latest period's)",
                        entry is null ? "not listed" : entry.HasRiskScore ? entry.RiskScore.ToString(CultureInfo.InvariantCulture) : "unset");
                }
            }
        });
    }

    private static (ConformanceParty Regulator, ConformanceParty Insurer) Parties(ConformanceContext c) =>
        c.Identities is { Regulator: { } regulator, Insurer: { } insurer }
            ? (regulator, insurer)
            : throw new ConformanceSkippedException("The identities name no regulator and insurer (parties \"regulator\" and \"insurer\"): the enterprises checks need a partner with the role regulator and one with the role insurer.");

    /// <summary>A GB/T 4754 class of section S of this check's own (S and four random digits), so other runs' profiles stay out of its queries.</summary>
    private static string Industry() => "S" + Random.Shared.Next(10_000).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>A fresh, valid unified social credit code registered in a division.</summary>
    private static string NewCode(string division)
    {
        var first17 = "91" + division + string.Concat(Enumerable.Range(0, 9).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]));
        return first17 + UnifiedSocialCreditCode.CheckCharacterOf(first17);
    }

    private static EnterpriseRiskProfile Profile(ConformanceParty owner, string division, string industry)
    {
        var code = NewCode(division);
        var now = ConformanceContext.Now();
        return new EnterpriseRiskProfile
        {
            Id = code,
            Owner = owner.PartnerId,
            Revision = 1,
            CreditCode = code,
            Name = LocalizedText.Of("zh-CN", "一致性检查企业 " + code[^6..]),
            Industry = industry,
            Jurisdiction = division,
            Location = new PointGeometry(new GeoPoint(113.02, 23.13)),
            Employees = 120,
            HazardousChemicals = true,
            MajorHazardSource = false,
            RiskGrade = RiskGrade.General,
            Periods =
            [
                new EnterprisePeriod
                {
                    From = now.AddYears(-1), To = now.AddDays(-1), Inspections = 3, HiddenDangersFound = 10, HiddenDangersRectified = 8, HiddenDangersOverdue = 1,
                    MajorHiddenDangers = 1, Penalties = 0, Accidents = 0,
                },
            ],
            Insured = false,
            UpdatedAt = now,
        };
    }

    private static async Task<EnterpriseRiskProfile> PublishProfileAsync(ConformanceContext c, ConformanceParty regulator, string division, string industry, CancellationToken ct)
    {
        var profile = Profile(regulator, division, industry);
        await EntityPublishing.PublishAsync(c, regulator, profile, EnterpriseEnvelope.Derive(profile), ct).ConfigureAwait(false);
        return profile;
    }

    private static EnterpriseGrant Agreement(ConformanceContext c, ConformanceParty regulator, ConformanceParty insurer, string division, string industry) => new()
    {
        Id = c.NewId("grant"),
        Owner = regulator.PartnerId,
        Revision = 1,
        Insurer = insurer.PartnerId,
        Basis = GrantBasis.Agreement,
        Jurisdiction = division,
        Industries = [industry],
        ValidFrom = ConformanceContext.Now().AddMinutes(-5),
        ValidUntil = ConformanceContext.Now().AddHours(1),
        State = GrantState.Active,
        UpdatedAt = ConformanceContext.Now(),
    };

    private static EnterpriseGrant Consent(ConformanceContext c, ConformanceParty regulator, ConformanceParty insurer, EnterpriseRiskProfile profile) => new()
    {
        Id = c.NewId("consent"),
        Owner = regulator.PartnerId,
        Revision = 1,
        Insurer = insurer.PartnerId,
        Basis = GrantBasis.Consent,
        CreditCode = profile.Id,
        ConsentReference = "conformance kit",
        ValidFrom = ConformanceContext.Now().AddMinutes(-5),
        ValidUntil = ConformanceContext.Now().AddHours(1),
        State = GrantState.Active,
        UpdatedAt = ConformanceContext.Now(),
    };

    private static async Task<EnterpriseGrant> GrantAsync(ConformanceContext c, ConformanceParty regulator, EnterpriseGrant grant, CancellationToken ct)
    {
        await EntityPublishing.PublishAsync(c, regulator, grant, EnterpriseEnvelope.Derive(grant), ct).ConfigureAwait(false);
        return grant;
    }

    private static Task RevokeAsync(ConformanceContext c, ConformanceParty regulator, EnterpriseGrant grant, CancellationToken ct)
    {
        var revoked = grant with { Revision = grant.Revision + 1, State = GrantState.Revoked, UpdatedAt = ConformanceContext.Now(), Note = "conformance check done" };
        return EntityPublishing.PublishAsync(c, regulator, revoked, EnterpriseEnvelope.Derive(revoked), ct);
    }

    private static GetRequest GetOf(EnterpriseRiskProfile profile) => new() { Entity = EntityMessages.Key(DocumentKinds.EnterpriseProfile, profile.Owner, profile.Id) };

    private static async Task ExpectReadableAsync(ConformanceContext c, ConformanceParty reader, EnterpriseRiskProfile profile, string when, CancellationToken ct)
    {
        try
        {
            var response = await c.Client.GetAsync(GetOf(profile), ConformanceContext.As(reader, ct)).ResponseAsync.ConfigureAwait(false);
            if (response.Envelope?.Entity?.Id != profile.Id)
            {
                throw new ConformanceFailedException($"Get of profile {profile.Id} {when} to return it", response.Envelope?.Entity?.Id ?? "no envelope");
            }
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"Get of profile {profile.Id} by {reader.PartnerId} {when} to succeed", ConformanceContext.Describe(ex));
        }
    }

    private static async Task ExpectHiddenAsync(ConformanceContext c, ConformanceParty reader, EnterpriseRiskProfile profile, string when, CancellationToken ct) =>
        _ = await ConformanceContext.ExpectStatusAsync(() => c.Client.GetAsync(GetOf(profile), ConformanceContext.As(reader, ct)).ResponseAsync, StatusCode.NotFound,
            $"Get of profile {profile.Id} by {reader.PartnerId} {when}").ConfigureAwait(false);

    /// <summary>Every page of the query as the reader sees it must list exactly these credit codes.</summary>
    private static async Task ExpectCodesAsync(ConformanceContext c, ConformanceParty reader, EnterpriseQueryRequest query, IReadOnlyList<string> expected, string when, CancellationToken ct)
    {
        var codes = new List<string>();
        var page = query.Clone();
        page.IncludeTotal = false;
        page.PageSize = 2;
        do
        {
            var response = await c.Client.QueryEnterprisesAsync(page, ConformanceContext.As(reader, ct)).ResponseAsync.ConfigureAwait(false);
            codes.AddRange(response.Items.Select(i => i.Envelope?.Entity?.Id ?? "?"));
            page.PageToken = response.NextPageToken;
        }
        while (page.PageToken.Length > 0 && codes.Count < 1000);

        if (!codes.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            throw new ConformanceFailedException($"QueryEnterprises by {reader.PartnerId} {when} to list exactly {string.Join(", ", expected)}", codes.Count == 0 ? "nothing" : string.Join(", ", codes));
        }
    }

    private static async Task<List<EnterpriseExportRow>> ExportAsync(ConformanceContext c, ConformanceParty reader, EnterpriseQueryRequest query, CancellationToken ct)
    {
        var rows = new List<EnterpriseExportRow>();
        using var call = c.Client.ExportEnterprises(query, ConformanceContext.As(reader, ct));
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            rows.AddRange(call.ResponseStream.Current.Rows);
        }

        return rows;
    }

    private static string Describe(double? rectification, double? overdue, int major, double perYear, double? per100, double score) => string.Create(CultureInfo.InvariantCulture,
        $"rectification {Round(rectification)}, overdue {Round(overdue)}, major {major}, per year {Round(perYear)}, per 100 employees {Round(per100)}, score {score:0.0}");

    /// <summary>Rates to nine decimals: implementations may differ in the last bits of a division.</summary>
    private static string Round(double? value) => value is { } v ? Math.Round(v, 9).ToString("0.#########", CultureInfo.InvariantCulture) : "none";
}

/// <summary>One indicator vector of conformance/enterprise-indicators (docs/insurers.md, "Vectors"), embedded in the kit.</summary>
internal sealed record EnterpriseIndicatorVector(string Id, EnterpriseRiskProfile Profile, IReadOnlyList<EnterpriseIndicatorValues> Expected);

/// <summary>The enterprise indicator vectors embedded in the kit.</summary>
internal static class EnterpriseIndicatorVectors
{
    private static readonly Lazy<IReadOnlyList<EnterpriseIndicatorVector>> Vectors = new(Load);

    public static IReadOnlyList<EnterpriseIndicatorVector> All => Vectors.Value;

    private static List<EnterpriseIndicatorVector> Load()
    {
        var assembly = typeof(EnterpriseIndicatorVectors).Assembly;
        var codec = DocumentCodecs.Default.Get<EnterpriseRiskProfile>(DocumentFormat.CityRiskJson);
        var vectors = new List<EnterpriseIndicatorVector>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("enterprise-indicators/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            var profile = codec.Read(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("profile").GetRawText())).Value
                ?? throw new InvalidOperationException($"The kit's vector {name} holds a profile the codec cannot read.");
            static double? Rate(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();
            vectors.Add(new EnterpriseIndicatorVector(root.GetProperty("id").GetString()!, profile, [.. root.GetProperty("expected").EnumerateArray().Select(e => new EnterpriseIndicatorValues(
                Rate(e, "rectificationRate"), Rate(e, "overdueRate"), e.GetProperty("majorHiddenDangers").GetInt32(), e.GetProperty("accidentsPerYear").GetDouble(),
                Rate(e, "accidentsPer100Employees"), e.GetProperty("riskScore").GetDouble()))]));
        }

        return vectors;
    }
}
