using System.Globalization;
using CityRisk.Client;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using PublishResult = CityRisk.Client.PublishResult;

namespace CityRisk.Enterprises;

/// <summary>
/// Enterprise risk on a hub (docs/insurers.md): regulators publish profiles and grant insurers access (consent or
/// agreement, revocable); insurers read what their grants cover (every read audited), compute the indicators, and
/// export CSV for actuaries; regulators read the audit. Get it from <see cref="CityRiskClient.Enterprises"/>.
/// Thread-safe; keeps no per-call state.
/// </summary>
public class EnterpriseClient
{
    private readonly EntityCalls<EnterpriseRiskProfile, EnterpriseProfileMessage>? _profiles;
    private readonly EntityCalls<EnterpriseGrant, EnterpriseGrantMessage>? _grants;

    /// <summary>For mocking.</summary>
    protected EnterpriseClient()
    {
    }

    internal EnterpriseClient(ClientPipeline pipeline)
    {
        _profiles = new(pipeline, DocumentKinds.EnterpriseProfile, static (cursor, profile, _) => new EnterpriseProfileMessage(cursor, profile, EnterpriseIndicators.Latest(profile)?.RiskScore, null));
        _grants = new(pipeline, DocumentKinds.EnterpriseGrant, static (cursor, grant, _) => new EnterpriseGrantMessage(cursor, grant));
    }

    private EntityCalls<EnterpriseRiskProfile, EnterpriseProfileMessage> Profiles => _profiles ?? throw new InvalidOperationException("This EnterpriseClient was made for mocking and is not connected to a hub.");

    private EntityCalls<EnterpriseGrant, EnterpriseGrantMessage> Grants => _grants ?? throw new InvalidOperationException("This EnterpriseClient was made for mocking and is not connected to a hub.");

    private ClientPipeline Pipeline => Profiles.Pipeline;

    /// <summary>
    /// Publishes a profile's revision as its regulator (the role <c>regulator</c>): revision 1 for a new enterprise,
    /// n+1 after n for an update. Validated first unless the client's options turn that off.
    /// </summary>
    /// <param name="profile">The profile; its owner is the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="ArgumentException">The profile is not the credential's partner's.</exception>
    /// <exception cref="CityRiskException">INVALID_ARGUMENT with every problem; PERMISSION_DENIED without the role; FAILED_PRECONDITION naming the current revision when it is stale.</exception>
    public virtual async Task<PublishResult> PublishProfileAsync(EnterpriseRiskProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Own(profile.Owner, nameof(profile));
        return (await Profiles.PublishAsync(profile, Create, "EnterpriseClient.PublishProfile", cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>
    /// Publishes a grant's revision as its regulator: revision 1 grants; a later revision changes its validity
    /// (insurer, basis and subject never change). <see cref="RevokeAsync"/> revokes.
    /// </summary>
    /// <param name="grant">The grant; its owner is the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="ArgumentException">The grant is not the credential's partner's.</exception>
    /// <exception cref="CityRiskException">INVALID_ARGUMENT with every problem; PERMISSION_DENIED without the role <c>regulator</c>; FAILED_PRECONDITION when stale or revoked.</exception>
    public virtual async Task<PublishResult> GrantAsync(EnterpriseGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        Own(grant.Owner, nameof(grant));
        return (await Grants.PublishAsync(grant, Create, "EnterpriseClient.Grant", cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>
    /// Revokes one of your grants: reads its latest revision and publishes the next in state Revoked, dated now (never
    /// before the revision before it). From that revision on, what it covered does not exist for the insurer. If the
    /// grant changed in between, FAILED_PRECONDITION names the current revision: read it and decide.
    /// </summary>
    /// <param name="id">The grant's id.</param>
    /// <param name="note">Why; optional.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The revoking revision as published.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND without such a grant; FAILED_PRECONDITION when it is already revoked or changed in between.</exception>
    public virtual async Task<EnterpriseGrantMessage> RevokeAsync(string id, string? note = null, CancellationToken cancellationToken = default)
    {
        var current = await GetGrantAsync(Pipeline.Credential.PartnerId, id, cancellationToken).ConfigureAwait(false);
        if (current.Grant.State == GrantState.Revoked)
        {
            throw new CityRiskException(StatusCode.FailedPrecondition, $"{DocumentKinds.EnterpriseGrant} '{id}' is Revoked; from there it may become nothing (it is final).");
        }

        var now = Pipeline.Time.GetLocalNow();
        var revoked = current.Grant with
        {
            Revision = current.Grant.Revision + 1,
            State = GrantState.Revoked,
            UpdatedAt = now < current.Grant.UpdatedAt ? current.Grant.UpdatedAt : now,
            Note = note,
        };
        var result = await Grants.PublishAsync(revoked, Create, "EnterpriseClient.Revoke", cancellationToken).ConfigureAwait(false);
        return new EnterpriseGrantMessage(result.Result.Cursor, revoked);
    }

    /// <summary>
    /// Gets a profile's latest revision: yours as its regulator, or as an insurer under a grant in force (the hub
    /// records the read in the audit before it answers).
    /// </summary>
    /// <param name="owner">The regulator.</param>
    /// <param name="creditCode">The enterprise's credit code (the profile's id).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile, with the risk score of its latest period.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is no such profile or no grant in force covers it for you.</exception>
    public virtual Task<EnterpriseProfileMessage> GetAsync(string owner, string creditCode, CancellationToken cancellationToken = default) =>
        Profiles.GetAsync(owner, creditCode, "EnterpriseClient.Get", cancellationToken);

    /// <summary>Gets a grant's latest revision (the regulator's and the insurer's to see).</summary>
    /// <param name="owner">The regulator.</param>
    /// <param name="id">The grant's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is none you may see.</exception>
    public virtual Task<EnterpriseGrantMessage> GetGrantAsync(string owner, string id, CancellationToken cancellationToken = default) =>
        Grants.GetAsync(owner, id, "EnterpriseClient.GetGrant", cancellationToken);

    /// <summary>The grants you may see (yours as a regulator, those for you as an insurer), each at its latest revision, fetched a page at a time.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The grants, oldest first.</returns>
    public virtual CityRiskPageable<EnterpriseGrantMessage> QueryGrantsAsync(CancellationToken cancellationToken = default) =>
        Grants.QueryAsync(Grants.Filter(null, null), "EnterpriseClient.QueryGrants", cancellationToken);

    /// <summary>
    /// The profiles a query selects that you may read (an insurer: what its grants in force cover, each read
    /// audited; a regulator: its own), in the query's order, fetched a page at a time as they are enumerated.
    /// </summary>
    /// <param name="query">What to select; null for everything you may read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The profiles, each with its risk score and the grant it was read under.</returns>
    /// <exception cref="CityRiskException">PERMISSION_DENIED without the role insurer or regulator; INVALID_ARGUMENT naming a bad condition.</exception>
    public virtual CityRiskPageable<EnterpriseProfileMessage> QueryAsync(EnterpriseProfileQuery? query = null, CancellationToken cancellationToken = default) =>
        new FunctionPageable<EnterpriseProfileMessage>(async (token, pageSize, cancel) =>
        {
            using var activity = ClientPipeline.StartActivity("EnterpriseClient.Query");
            var request = ToWire(query);
            request.PageToken = token ?? string.Empty;
            request.PageSize = (uint)(pageSize ?? 0);
            var response = await Pipeline.UnaryAsync("QueryEnterprises", static (e, r, o) => e.QueryEnterprisesAsync(r, o), request, cancel).ConfigureAwait(false);
            return new CityRiskPage<EnterpriseProfileMessage>([.. response.Items.Select(item => Profiles.ToMessage((long)item.Cursor, item.Envelope) with
            {
                RiskScore = item.HasRiskScore ? item.RiskScore : null,
                GrantId = item.Grant is { Id.Length: > 0 } grant ? grant.Id : null,
            })], response.NextPageToken.Length == 0 ? null : response.NextPageToken);
        }, cancellationToken);

    /// <summary>How many profiles a query selects that you may read (what you may not read is never counted). Nothing is read, so nothing is audited.</summary>
    /// <param name="query">What to count; null for everything you may read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    /// <exception cref="CityRiskException">PERMISSION_DENIED without the role insurer or regulator; INVALID_ARGUMENT naming a bad condition.</exception>
    public virtual async Task<long> CountAsync(EnterpriseProfileQuery? query = null, CancellationToken cancellationToken = default)
    {
        using var activity = ClientPipeline.StartActivity("EnterpriseClient.Count");
        var request = ToWire(query);
        request.IncludeTotal = true;
        request.PageSize = 1;
        // One item comes with the count (and that read is audited like any other): the hub has no count-only call.
        var response = await Pipeline.UnaryAsync("QueryEnterprises", static (e, r, o) => e.QueryEnterprisesAsync(r, o), request, cancellationToken).ConfigureAwait(false);
        return response.HasTotal ? (long)response.Total : throw new CityRiskException(StatusCode.Internal, "The hub answered a counting query without the total.");
    }

    /// <summary>The indicators of each of a profile's periods, oldest first, computed here exactly as the hub computes them (docs/insurers.md, "Indicators").</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="weights">The score's weights; the standard ones when null.</param>
    /// <returns>Each period with its indicators.</returns>
    public virtual IReadOnlyList<EnterprisePeriodIndicators> IndicatorsOf(EnterpriseRiskProfile profile, RiskScoreWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return [.. profile.Periods.OrderBy(p => p.From).Select(p => new EnterprisePeriodIndicators(p, EnterpriseIndicators.Compute(profile, p, weights)))];
    }

    /// <summary>
    /// Writes the CSV export of what a query selects (docs/insurers.md, "Export"; <see cref="EnterpriseCsv"/>) to a
    /// stream as the hub streams it, so memory stays flat for any size. Each page is audited by the hub before it
    /// is sent. The stream is left open; on failure it holds the rows written so far.
    /// </summary>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="query">What to export; null for everything you may read. Its order is ignored: rows are by credit code.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many profiles and rows were written.</returns>
    /// <exception cref="CityRiskException">PERMISSION_DENIED without the role insurer or regulator; INVALID_ARGUMENT naming a bad condition; the status the stream broke with.</exception>
    public virtual async Task<EnterpriseExportSummary> ExportAsync(Stream output, EnterpriseProfileQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var activity = ClientPipeline.StartActivity("EnterpriseClient.Export");
        long profiles = 0, rows = 0;
        string? lastKey = null;
        await using var csv = EnterpriseCsv.Open(output);
        try
        {
            // A stream is not retried: a retry would repeat the rows written so far. Rerun the export instead.
            using var call = Pipeline.Exchange.ExportEnterprises(ToWire(query), Pipeline.CallOptions(null, cancellationToken));
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in call.ResponseStream.Current.Rows)
                {
                    EnterpriseCsv.Write(csv, row);
                    rows++;
                    var key = row.Owner + "\u001f" + row.CreditCode;
                    if (key != lastKey)
                    {
                        profiles++;
                        lastKey = key;
                    }
                }

                await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The export was cancelled.", ex, cancellationToken);
        }
        catch (RpcException ex)
        {
            throw ClientPipeline.ToException(ex);
        }

        return new EnterpriseExportSummary(profiles, rows);
    }

    /// <summary>The recorded reads of your profiles by insurers, newest first, fetched a page at a time (regulators only).</summary>
    /// <param name="query">Which reads; null for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The reads.</returns>
    /// <exception cref="CityRiskException">PERMISSION_DENIED without the role regulator.</exception>
    public virtual CityRiskPageable<EnterpriseAuditRecord> GetAuditAsync(EnterpriseAuditQuery? query = null, CancellationToken cancellationToken = default) =>
        new FunctionPageable<EnterpriseAuditRecord>(async (token, pageSize, cancel) =>
        {
            using var activity = ClientPipeline.StartActivity("EnterpriseClient.GetAudit");
            var request = new EnterpriseAuditRequest
            {
                CreditCode = query?.CreditCode ?? string.Empty,
                Insurer = query?.Insurer ?? string.Empty,
                From = query?.From is { } from ? ObservationMessages.FormatTime(from) : string.Empty,
                To = query?.To is { } to ? ObservationMessages.FormatTime(to) : string.Empty,
                PageToken = token ?? string.Empty,
                PageSize = (uint)(pageSize ?? 0),
            };
            var response = await Pipeline.UnaryAsync("QueryEnterpriseAudit", static (e, r, o) => e.QueryEnterpriseAuditAsync(r, o), request, cancel).ConfigureAwait(false);
            return new CityRiskPage<EnterpriseAuditRecord>([.. response.Entries.Select(entry => new EnterpriseAuditRecord((long)entry.Sequence,
                DateTimeOffset.TryParse(entry.ReadAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : throw new CityRiskException(StatusCode.Internal, $"The hub answered read_at '{entry.ReadAt}', not an RFC 3339 date-time."),
                entry.Insurer, entry.Profile?.Id ?? string.Empty, (long)entry.Revision, entry.Grant?.Id ?? string.Empty, (long)entry.GrantRevision, entry.Via))],
                response.NextPageToken.Length == 0 ? null : response.NextPageToken);
        }, cancellationToken);

    private static Envelope Create(EnterpriseRiskProfile profile, ReadOnlyMemory<byte> payload, string contentType, DateTimeOffset sent) =>
        EnterpriseEnvelope.Complete(EnterpriseEnvelope.Derive(profile), payload, contentType, sent);

    private static Envelope Create(EnterpriseGrant grant, ReadOnlyMemory<byte> payload, string contentType, DateTimeOffset sent) =>
        EnterpriseEnvelope.Complete(EnterpriseEnvelope.Derive(grant), payload, contentType, sent);

    private void Own(string owner, string parameter)
    {
        if (owner != Pipeline.Credential.PartnerId)
        {
            throw new ArgumentException($"You are '{Pipeline.Credential.PartnerId}' and publish as yourself, not as '{owner}'.", parameter);
        }
    }

    private static EnterpriseQueryRequest ToWire(EnterpriseProfileQuery? query)
    {
        var request = new EnterpriseQueryRequest { OrderBy = query?.OrderBy == EnterpriseOrder.CreditCode ? "credit_code" : "score" };
        request.Industries.AddRange(query?.Industries ?? []);
        request.Jurisdictions.AddRange(query?.Jurisdictions ?? []);
        request.RiskGrades.AddRange((query?.RiskGrades ?? []).Select(g => g.ToString()));
        if (query?.MinScore is { } min)
        {
            request.MinScore = min;
        }

        if (query?.MaxScore is { } max)
        {
            request.MaxScore = max;
        }

        if (query?.HazardousChemicals is { } chemicals)
        {
            request.HazardousChemicals = chemicals;
        }

        if (query?.MajorHazardSource is { } major)
        {
            request.MajorHazardSource = major;
        }

        if (query?.Insured is { } insured)
        {
            request.Insured = insured;
        }

        return request;
    }
}
