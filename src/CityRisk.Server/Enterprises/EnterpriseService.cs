using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CityRisk.Enterprises;
using CityRisk.Hazards;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.Partners;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Enterprises;

/// <summary>
/// QueryEnterprises, ExportEnterprises and QueryEnterpriseAudit (docs/insurers.md; docs/protocol.md §6.13): an
/// insurer reads what its grants in force cover, a regulator its own profiles; every read by an insurer is recorded
/// before it is answered. A partner with neither role is PERMISSION_DENIED.
/// </summary>
internal sealed class EnterpriseService(ExchangeService exchange, IExchangeStore store, TimeProvider time)
{
    /// <summary>Profiles read per export page; a page's rows go out in messages of at most <see cref="RowsPerMessage"/>.</summary>
    private const int ExportBatch = 500;
    private const int RowsPerMessage = 1000;

    public async Task<EncodedEnterprisePage> QueryAsync(EnterpriseQueryRequest request, ServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        var enterprises = Store();
        var now = time.GetUtcNow();
        var query = ToQuery(request, caller, now, forExport: false);
        var pageSize = request.PageSize == 0 ? ExchangeService.DefaultPageSize : (int)Math.Min(request.PageSize, ExchangeService.MaxPageSize);
        var found = await enterprises.QueryEnterprisesAsync(query with { Limit = pageSize + 1, WithEnvelope = true }, context.CancellationToken).ConfigureAwait(false);
        var page = found.Take(pageSize).ToList();

        // Recorded before anything is answered: a read the audit does not show never happened. The answer is prepared
        // while the audit is written, and sent only after it is stored.
        var audit = enterprises.RecordReadsAsync(EnterpriseAudit.ReadsOf(caller, page, EnterpriseAudit.ViaQuery, now), context.CancellationToken);
        try
        {
            var tail = new EnterpriseQueryResponse
            {
                NextPageToken = found.Count > pageSize ? PageToken(query.ByScore, page[^1].Facts) : string.Empty,
            };
            if (request.IncludeTotal)
            {
                tail.Total = (ulong)await enterprises.CountEnterprisesAsync(query, context.CancellationToken).ConfigureAwait(false);
            }

            return EncodedEnterprisePage.Encode([.. page.Select(record => (record.Envelope
                ?? throw ExchangeService.Fail(StatusCode.Internal, $"The store returned the profile {record.Facts.Owner}/{record.Facts.Id} without the envelope it was asked for."),
                EntryOf(record)))], tail);
        }
        finally
        {
            await audit.ConfigureAwait(false);
        }
    }

    /// <summary>An entry's fields other than its envelope (which is written from the stored bytes).</summary>
    private static EnterpriseEntry EntryOf(EnterpriseRecord record)
    {
        var entry = new EnterpriseEntry { Cursor = (ulong)record.Cursor };
        if (record.Facts.RiskScore is { } score)
        {
            entry.RiskScore = score;
        }

        if (record.GrantId is { } grant)
        {
            entry.Grant = new EntityKey { Kind = DocumentKinds.EnterpriseGrant, Owner = record.Facts.Owner, Id = grant };
        }

        return entry;
    }

    public async Task ExportAsync(EnterpriseQueryRequest request, IServerStreamWriter<EnterpriseExportPage> writer, ServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        var enterprises = Store();
        var now = time.GetUtcNow();
        var query = ToQuery(request, caller, now, forExport: true) with { Limit = ExportBatch, WithPeriods = true };
        while (true)
        {
            var batch = await enterprises.QueryEnterprisesAsync(query, context.CancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            await enterprises.RecordReadsAsync(EnterpriseAudit.ReadsOf(caller, batch, EnterpriseAudit.ViaExport, now), context.CancellationToken).ConfigureAwait(false);
            var page = new EnterpriseExportPage();
            foreach (var row in batch.SelectMany(r => RowsOf(r.Facts)))
            {
                page.Rows.Add(row);
                if (page.Rows.Count == RowsPerMessage)
                {
                    await writer.WriteAsync(page).ConfigureAwait(false);
                    page = new EnterpriseExportPage();
                }
            }

            if (page.Rows.Count > 0)
            {
                await writer.WriteAsync(page).ConfigureAwait(false);
            }

            if (batch.Count < ExportBatch)
            {
                return;
            }

            query = query with { After = EnterprisePosition.Of(batch[^1].Facts) };
        }
    }

    public async Task<EnterpriseAuditResponse> QueryAuditAsync(EnterpriseAuditRequest request, ServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        if (!caller.HasRole(EnterpriseRoles.Regulator))
        {
            throw ExchangeService.Fail(StatusCode.PermissionDenied, $"You are '{caller.Id}'; the audit of insurers' reads is for regulators (the role '{EnterpriseRoles.Regulator}'), of their own profiles.");
        }

        var enterprises = Store();
        var problems = new List<string>();
        var from = Instant(request.From, "from", problems);
        var to = Instant(request.To, "to", problems);
        long? before = null;
        if (request.PageToken.Length > 0)
        {
            if (long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0)
            {
                before = sequence;
            }
            else
            {
                problems.Add("page_token: not one this hub gave out");
            }
        }

        if (problems.Count > 0)
        {
            throw ExchangeService.Fail(StatusCode.InvalidArgument, $"The audit request is invalid: {string.Join("; ", problems)}.");
        }

        var pageSize = request.PageSize == 0 ? ExchangeService.DefaultPageSize : (int)Math.Min(request.PageSize, ExchangeService.MaxPageSize);
        var reads = await enterprises.QueryReadsAsync(new EnterpriseReadQuery
        {
            Owner = caller.Id.Value,
            CreditCode = request.CreditCode.Length > 0 ? request.CreditCode : null,
            Insurer = request.Insurer.Length > 0 ? request.Insurer : null,
            From = from,
            To = to,
            BeforeSequence = before,
            Limit = pageSize + 1,
        }, context.CancellationToken).ConfigureAwait(false);
        var response = new EnterpriseAuditResponse
        {
            NextPageToken = reads.Count > pageSize ? reads[pageSize - 1].Sequence.ToString(CultureInfo.InvariantCulture) : string.Empty,
        };
        response.Entries.AddRange(reads.Take(pageSize).Select(read => new EnterpriseAuditEntry
        {
            Sequence = (ulong)read.Sequence,
            ReadAt = read.ReadAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Insurer = read.Insurer,
            Profile = new EntityKey { Kind = DocumentKinds.EnterpriseProfile, Owner = read.Owner, Id = read.CreditCode },
            Revision = (ulong)read.Revision,
            Grant = new EntityKey { Kind = DocumentKinds.EnterpriseGrant, Owner = read.Owner, Id = read.GrantId },
            GrantRevision = (ulong)read.GrantRevision,
            Via = read.Via,
        }));
        return response;
    }

    /// <summary>The store query a request asks for, as the caller may read; INVALID_ARGUMENT with every problem, PERMISSION_DENIED without a role that reads profiles.</summary>
    private static EnterpriseQuery ToQuery(EnterpriseQueryRequest request, Partner caller, DateTimeOffset now, bool forExport)
    {
        var insurer = caller.HasRole(EnterpriseRoles.Insurer);
        var regulator = caller.HasRole(EnterpriseRoles.Regulator);
        if (!insurer && !regulator)
        {
            throw ExchangeService.Fail(StatusCode.PermissionDenied,
                $"You are '{caller.Id}'; enterprise profiles are read by insurers (the role '{EnterpriseRoles.Insurer}', under grants) and regulators (the role '{EnterpriseRoles.Regulator}', their own).");
        }

        var problems = new List<string>();
        for (var i = 0; i < request.Industries.Count; i++)
        {
            if (!EnterpriseValidator.IsIndustryCode(request.Industries[i]))
            {
                problems.Add($"industries[{i}]: '{request.Industries[i]}' is not a GB/T 4754-2017 code (a section letter A to T and up to four digits)");
            }
        }

        var jurisdictions = new List<string>();
        for (var i = 0; i < request.Jurisdictions.Count; i++)
        {
            if (Jurisdiction.TryParse(request.Jurisdictions[i], out var division))
            {
                jurisdictions.Add(division.Prefix);
            }
            else
            {
                problems.Add($"jurisdictions[{i}]: '{request.Jurisdictions[i]}' is not a six-digit GB/T 2260 code");
            }
        }

        for (var i = 0; i < request.RiskGrades.Count; i++)
        {
            if (!Enum.TryParse<RiskGrade>(request.RiskGrades[i], ignoreCase: false, out var grade) || !Enum.IsDefined(grade) || int.TryParse(request.RiskGrades[i], out _))
            {
                problems.Add($"risk_grades[{i}]: '{request.RiskGrades[i]}' is not Major, Significant, General or Low");
            }
        }

        double? min = request.HasMinScore ? request.MinScore : null;
        double? max = request.HasMaxScore ? request.MaxScore : null;
        if (min is { } low && (double.IsNaN(low) || low < 0 || low > 100) || max is { } high && (double.IsNaN(high) || high < 0 || high > 100))
        {
            problems.Add("min_score and max_score: a risk score is 0 to 100");
        }
        else if (min > max)
        {
            problems.Add($"min_score {min} is above max_score {max}");
        }

        var byScore = request.OrderBy != "credit_code";
        if (request.OrderBy is not ("" or "score" or "credit_code"))
        {
            problems.Add($"order_by: '{request.OrderBy}' is not \"score\" or \"credit_code\"");
        }

        var after = forExport || request.PageToken.Length == 0 ? null : ParsePageToken(request.PageToken, byScore, problems);
        if (problems.Count > 0)
        {
            throw ExchangeService.Fail(StatusCode.InvalidArgument, $"The enterprise query is invalid: {string.Join("; ", problems)}.");
        }

        return new EnterpriseQuery
        {
            Reader = caller.Id.Value,
            Own = regulator,
            AsInsurer = insurer,
            At = now,
            Industries = [.. request.Industries],
            Jurisdictions = jurisdictions,
            RiskGrades = [.. request.RiskGrades],
            MinScore = min,
            MaxScore = max,
            HazardousChemicals = request.HasHazardousChemicals ? request.HazardousChemicals : null,
            MajorHazardSource = request.HasMajorHazardSource ? request.MajorHazardSource : null,
            Insured = request.HasInsured ? request.Insured : null,
            // The export is always by credit code: a stable order for actuaries, and the store reads periods as ranges.
            ByScore = !forExport && byScore,
            After = after,
        };
    }

    /// <summary>The next page starts after this profile: its order, score, owner and credit code, base64url.</summary>
    private static string PageToken(bool byScore, EnterpriseFacts last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\u001f', byScore ? "s" : "c",
            last.RiskScore?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty, last.Owner, last.Id)));

    private static EnterprisePosition? ParsePageToken(string token, bool byScore, List<string> problems)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('\u001f');
            if (parts.Length == 4 && parts[0] == (byScore ? "s" : "c"))
            {
                double? score = parts[1].Length == 0 ? null : double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture);
                return new EnterprisePosition(score, parts[2], parts[3]);
            }
        }
        catch (FormatException)
        {
        }

        problems.Add("page_token: not one this hub gave out for this order");
        return null;
    }

    private static DateTimeOffset? Instant(string value, string field, List<string> problems)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && (value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 9))
        {
            return instant;
        }

        problems.Add($"{field}: '{value}' is not an RFC 3339 date-time with an offset");
        return null;
    }

    private IEnterpriseStore Store() => store as IEnterpriseStore
        ?? throw ExchangeService.Fail(StatusCode.Unimplemented, "This hub's store does not keep enterprise risk (IEnterpriseStore), so it answers no enterprise queries.");

    /// <summary>A profile's rows of the export: one per period, oldest first, or one without period fields when it has none.</summary>
    private static IEnumerable<EnterpriseExportRow> RowsOf(EnterpriseFacts facts)
    {
        EnterpriseExportRow Row() => new()
        {
            CreditCode = facts.Id,
            Name = facts.Name,
            Industry = facts.Industry,
            Jurisdiction = facts.Jurisdiction,
            Address = facts.Address,
            Longitude = facts.Longitude,
            Latitude = facts.Latitude,
            Employees = facts.Employees,
            HazardousChemicals = facts.HazardousChemicals,
            MajorHazardSource = facts.MajorHazardSource,
            RiskGrade = facts.RiskGrade,
            Insured = facts.Insured,
            Insurer = facts.Insurer,
            Owner = facts.Owner,
            Revision = (ulong)facts.Revision,
            UpdatedAt = facts.UpdatedAt,
        };

        if (facts.Periods.Count == 0)
        {
            yield return Row();
            yield break;
        }

        foreach (var period in facts.Periods)
        {
            var row = Row();
            row.PeriodFrom = period.From;
            row.PeriodTo = period.To;
            row.Inspections = period.Inspections;
            row.HiddenDangersFound = period.HiddenDangersFound;
            row.HiddenDangersRectified = period.HiddenDangersRectified;
            row.HiddenDangersOverdue = period.HiddenDangersOverdue;
            row.MajorHiddenDangers = period.MajorHiddenDangers;
            row.Penalties = period.Penalties;
            row.Accidents = period.Accidents;
            row.Deaths = period.Deaths;
            row.Injuries = period.Injuries;
            if (period.RectificationRate is { } rectification)
            {
                row.RectificationRate = rectification;
            }

            if (period.OverdueRate is { } overdue)
            {
                row.OverdueRate = overdue;
            }

            row.AccidentsPerYear = period.AccidentsPerYear;
            if (period.AccidentsPer100Employees is { } per100)
            {
                row.AccidentsPer100Employees = per100;
            }

            row.RiskScore = period.RiskScore;
            yield return row;
        }
    }
}
