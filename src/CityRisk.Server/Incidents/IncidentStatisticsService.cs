using System.Globalization;
using CityRisk.Incidents;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Incidents;

/// <summary>
/// GetIncidentStatistics (docs/incidents.md, "Statistics"; docs/protocol.md §6.10): counts over the incidents the
/// caller may see, answered from the store's index of each incident's current facts.
/// </summary>
internal sealed class IncidentStatisticsService(ExchangeService exchange, IExchangeStore store, TimeProvider time)
{
    /// <summary>The longest period one call may count: a few years of a city's cases are fine, an unbounded scan is not.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(3661);

    public async Task<IncidentStatistics> GetStatisticsAsync(IncidentStatisticsRequest request, ServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        if (store is not IIncidentStore incidents)
        {
            throw ExchangeService.Fail(StatusCode.Unimplemented, "This hub's store keeps no incident index, so it cannot answer incident statistics; run it on a store that implements IIncidentStore (both stores CityRisk ships do).");
        }

        var query = ToQuery(request, caller, time.GetUtcNow(), out var asOf);
        var counts = await incidents.CountIncidentsAsync(query, context.CancellationToken).ConfigureAwait(false);
        var response = new IncidentStatistics { Total = ToWire(counts[0]), AsOf = asOf.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
        response.Subdivisions.AddRange(counts.Skip(1).Select(ToWire));
        return response;
    }

    /// <summary>Checks a request and turns it into the store's query (INVALID_ARGUMENT naming every bad field).</summary>
    private static IncidentCountQuery ToQuery(IncidentStatisticsRequest request, Partners.Partner caller, DateTimeOffset now, out DateTimeOffset asOf)
    {
        var problems = new List<string>();
        if (!Jurisdiction.TryParse(request.Jurisdiction, out var division))
        {
            problems.Add($"jurisdiction: '{request.Jurisdiction}' is not a six-digit GB/T 2260 code");
        }

        var from = Time(request.ReportedFrom, "reported_from", problems);
        var to = Time(request.ReportedTo, "reported_to", problems);
        if (from is { } f && to is { } t && (t <= f || t - f > MaxPeriod))
        {
            problems.Add(t <= f ? "reported_to must be after reported_from" : $"the period is longer than {MaxPeriod.TotalDays:0} days; ask for a shorter one");
        }

        asOf = request.AsOf.Length == 0 ? now : Time(request.AsOf, "as_of", problems) ?? now;
        var grades = new List<int>();
        foreach (var grade in request.Grades)
        {
            if (Enum.TryParse<IncidentGrade>(grade, out var parsed) && Enum.IsDefined(parsed) && parsed.ToString() == grade)
            {
                grades.Add((int)parsed);
            }
            else
            {
                problems.Add($"grades: '{grade}' is not one of I, II, III, IV");
            }
        }

        foreach (var type in request.EventTypes)
        {
            if (!IncidentTypes.IsValid(type) && !IncidentTypes.Categories.Contains(type))
            {
                problems.Add($"event_types: '{type}' is neither an incident type nor one of the categories {string.Join(", ", IncidentTypes.Categories)}");
            }
        }

        if (problems.Count > 0)
        {
            throw ExchangeService.Fail(StatusCode.InvalidArgument, $"The statistics request is invalid: {string.Join("; ", problems)}.");
        }

        // "410000" → prefix "41" with cities (4 digits) below; "410200" → "4102" with districts (6) below; a district has none.
        var prefix = division.Prefix;
        var days = request.OpenOlderThanDays == 0 ? 30 : request.OpenOlderThanDays;
        return new IncidentCountQuery
        {
            Prefix = prefix,
            SubdivisionDigits = prefix.Length < 6 ? prefix.Length + 2 : 0,
            ReportedFrom = from!.Value,
            ReportedTo = to!.Value,
            Types = [.. request.EventTypes.Distinct(StringComparer.Ordinal)],
            Grades = [.. grades.Distinct()],
            OpenOlderThan = asOf - TimeSpan.FromDays(days),
            Viewer = Visibility.ViewerOf(caller),
        };
    }

    private static DateTimeOffset? Time(string value, string field, List<string> problems)
    {
        if (Protocol.ObservationMessages.TryParseTime(value, out var parsed))
        {
            return parsed;
        }

        problems.Add($"{field}: '{value}' is not an RFC 3339 date-time with an offset");
        return null;
    }

    private static IncidentCounts ToWire(IncidentCountsRecord counts)
    {
        var wire = new IncidentCounts
        {
            Jurisdiction = counts.Division,
            Reported = (ulong)counts.Reported,
            Closed = (ulong)counts.Closed,
            Rejected = (ulong)counts.Rejected,
            Merged = (ulong)counts.Merged,
            Open = (ulong)counts.Open,
            ClosureRate = counts.ClosureRate,
            OpenOlderThan = (ulong)counts.OpenOlder,
        };
        if (counts.MedianSecondsToClose is { } median)
        {
            wire.MedianSecondsToClose = (ulong)median;
        }

        if (counts.P90SecondsToClose is { } p90)
        {
            wire.P90SecondsToClose = (ulong)p90;
        }

        return wire;
    }
}
