using System.CommandLine;
using System.Globalization;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Resources;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk resources publish|request|offer|commit|status|release|pool|fill</c>: resource pooling on a hub (docs/resources.md).</summary>
internal static class ResourcesCommand
{
    public static Command Create(CliConsole console) => new("resources", "Pool resources across regions: publish resources, request, offer, commit, report deployment, release, and query the pool (docs/resources.md).")
    {
        Publish<Resource>(console, "publish", "a resource (kind \"resource\"): revision 1 registers it, later revisions change it", static (c, d, t) => c.Resources.PublishResourceAsync(d, t), static d => $"resource {d.Owner}/{d.Id} revision {d.Revision}: {d.Quantity} {d.Unit} ({d.Status})"),
        Publish<ResourceRequest>(console, "request", "a resource request (kind \"resource-request\"): revision 1 opens it for its audience; later revisions change, cancel or close it", static (c, d, t) => c.Resources.PublishRequestAsync(d, t), static d => $"request {d.Owner}/{d.Id} revision {d.Revision} ({d.State}): {string.Join(", ", d.Items.Select(i => $"{i.Quantity} {i.Type}"))}"),
        Offer(console),
        Publish<ResourceCommitment>(console, "commit", "a commitment (kind \"resource-commitment\") of an offer to an item of your request", static (c, d, t) => c.Resources.CommitAsync(d, t), static d => $"commitment {d.Owner}/{d.Id}: {d.Quantity} of offer {d.Offer.Owner}/{d.Offer.Id} to item {d.Request.Item} of {d.Request.Id}"),
        Publish<ResourceStatusReport>(console, "status", "a deployment status report (kind \"resource-status-report\") on a commitment of your resource", static (c, d, t) => c.Resources.ReportStatusAsync(d, t), static d => $"status report {d.Owner}/{d.Id}: {d.Commitment.Owner}/{d.Commitment.Id} is {d.Status}"),
        Publish<ResourceRelease>(console, "release", "a release (kind \"resource-release\") of some or all of your commitment", static (c, d, t) => c.Resources.ReleaseAsync(d, t), static d => $"release {d.Owner}/{d.Id}: {d.Quantity} of commitment {d.CommitmentId} back to {d.Provider}"),
        Pool(console),
        Fill(console),
    };

    /// <summary>A subcommand that validates a document file and publishes it.</summary>
    internal static Command Publish<T>(CliConsole console, string name, string what, Func<CityRiskClient, T, CancellationToken, Task<PublishResult>> publish, Func<T, string> describe)
        where T : class
    {
        var file = new Argument<string>("file") { Description = $"A CityRisk JSON file holding {what}; - for standard input." };
        var connection = new HubConnection();
        var command = new Command(name, $"Validate and publish {what}. Exit 0 when stored or a duplicate, 1 when invalid or refused (the hub says what is left when the pool cannot take it), 2 for usage errors.") { file };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            var (document, exit) = await InputDocument<T>.LoadValidAsync(parse.GetRequiredValue(file), console, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                return exit;
            }

            var result = await publish(client, document, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"{(result.Duplicate ? "duplicate (already stored)" : "published")} {describe(document)} at cursor {result.Cursor}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Offer(CliConsole console)
    {
        var file = new Argument<string?>("file") { Description = "A CityRisk JSON offer (kind \"resource-offer\"); - for standard input.", Arity = ArgumentArity.ZeroOrOne };
        var withdraw = new Option<string?>("--withdraw") { Description = "Withdraw your offer of this id instead (what is not committed of it is available again)." };
        var note = new Option<string?>("--note") { Description = "With --withdraw: why." };
        var connection = new HubConnection();
        var command = new Command("offer", "Validate and publish an offer of one of your resources, or withdraw one with --withdraw ID. Exit 0 when stored, 1 when invalid or refused (an offer beyond what is available says how much is), 2 for usage errors.")
        {
            file, withdraw, note,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            if (parse.GetValue(withdraw) is { } id)
            {
                var withdrawn = await client.Resources.WithdrawOfferAsync(id, parse.GetValue(note), cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"withdrew offer {withdrawn.Document.Owner}/{id} (revision {withdrawn.Document.Revision}) at cursor {withdrawn.Cursor}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (parse.GetValue(file) is not { } path)
            {
                await console.Error.WriteLineAsync("cityrisk: give an offer file, or --withdraw ID.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var (offer, exit) = await InputDocument<ResourceOffer>.LoadValidAsync(path, console, cancellationToken).ConfigureAwait(false);
            if (offer is null)
            {
                return exit;
            }

            var result = await client.Resources.OfferAsync(offer, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"{(result.Duplicate ? "duplicate (already stored)" : "published")} offer {offer.Owner}/{offer.Id}: {offer.Quantity} of {offer.ResourceId} until {ObservationsCommand.Format(offer.ExpiresAt)} at cursor {result.Cursor}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Pool(CliConsole console)
    {
        var types = new Option<string[]>("--type") { Description = "Only these resource types (boat, drainage-pump ...).", AllowMultipleArgumentsPerToken = true };
        var near = new Option<string?>("--near") { Description = "LONGITUDE,LATITUDE (WGS 84): only resources based within --within-km of it, nearest first." };
        var within = new Option<double>("--within-km") { Description = "With --near: the distance, kilometres.", DefaultValueFactory = _ => 100 };
        var capabilities = new Option<string[]>("--capability") { Description = "NAME>=VALUE:UNIT, like pumpCapacity>=300:m3/h; every one must be met.", AllowMultipleArgumentsPerToken = true };
        var jurisdictions = new Option<string[]>("--jurisdiction") { Description = "Only resources in divisions starting with these GB/T 2260 prefixes (2, 4 or 6 digits).", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Also resources with nothing available now." };
        var limit = new Option<int>("--limit") { Description = "At most this many (the hub caps it at 1000).", DefaultValueFactory = _ => 100 };
        var connection = new HubConnection();
        var command = new Command("pool", "List what is available in the pool that you may see, one line each: owner/id, type, available/quantity, offered, committed, status, jurisdiction, distance.")
        {
            types, near, within, capabilities, jurisdictions, all, limit,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            GeoPoint? centre = null;
            if (parse.GetValue(near) is { } text)
            {
                var parts = text.Split(',');
                if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
                {
                    await console.Error.WriteLineAsync($"cityrisk: --near '{text}' is not LONGITUDE,LATITUDE (113.54,22.20).").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                centre = new GeoPoint(lon, lat);
            }

            var requirements = new List<CapabilityRequirement>();
            foreach (var condition in PublishCommand.Split(parse.GetValue(capabilities)) ?? [])
            {
                if (ParseCapability(condition) is not { } requirement)
                {
                    await console.Error.WriteLineAsync($"cityrisk: --capability '{condition}' is not NAME>=VALUE:UNIT (pumpCapacity>=300:m3/h).").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                requirements.Add(requirement);
            }

            var report = await client.Resources.QueryPoolAsync(new ResourcePoolQuery
            {
                Types = PublishCommand.Split(parse.GetValue(types)),
                Capabilities = requirements,
                Near = centre,
                WithinKm = parse.GetValue(within),
                Jurisdictions = PublishCommand.Split(parse.GetValue(jurisdictions)),
                IncludeUnavailable = parse.GetValue(all),
                Limit = parse.GetValue(limit),
            }, cancellationToken).ConfigureAwait(false);
            foreach (var e in report.Entries)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Owner}/{e.Id}\t{e.Type}\t{e.Available}/{e.Quantity} {e.Unit} available\toffered {e.Offered}\tcommitted {e.Committed}\t{e.Status}\t{e.Jurisdiction}{(centre is null ? string.Empty : $"\t{e.DistanceKm:0.0} km")}")).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"{report.Entries.Count} resource(s){(report.Truncated ? ", more matched: narrow the query" : string.Empty)}, as of {ObservationsCommand.Format(report.AsOf)}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Fill(CliConsole console)
    {
        var key = new Argument<string>("request") { Description = "OWNER/ID of the request, like macau-smg/mo-typhoon-0915." };
        var connection = new HubConnection();
        var command = new Command("fill", "Print a request's state as its commitments make it and each item's wanted, committed, released and offered quantities. Exit 0 when found, 1 when there is no such request you may see, 2 for usage errors.") { key };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            if (!HazardsCommand.TrySplit(parse.GetRequiredValue(key), out var owner, out var id))
            {
                await console.Error.WriteLineAsync($"cityrisk: '{parse.GetRequiredValue(key)}' is not OWNER/ID.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var status = await client.Resources.GetRequestStatusAsync(owner, id, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"{owner}/{id} revision {status.Revision}: {status.State}").ConfigureAwait(false);
            for (var i = 0; i < status.Items.Count; i++)
            {
                var item = status.Items[i];
                await console.Out.WriteLineAsync($"item {i}\twanted {item.Wanted}\tcommitted {item.Committed}\treleased {item.Released}\toffered {item.Offered}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>NAME>=VALUE:UNIT.</summary>
    private static CapabilityRequirement? ParseCapability(string text)
    {
        var at = text.IndexOf(">=", StringComparison.Ordinal);
        var colon = text.IndexOf(':', Math.Max(0, at));
        return at > 0 && colon > at + 2 && colon < text.Length - 1 && double.TryParse(text.AsSpan(at + 2, colon - at - 2), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? new CapabilityRequirement { Name = text[..at], AtLeast = value, Unit = text[(colon + 1)..] }
            : null;
    }
}
