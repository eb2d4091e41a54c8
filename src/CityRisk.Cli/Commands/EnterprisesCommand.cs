using System.CommandLine;
using System.Globalization;
using CityRisk.Enterprises;
using CityRisk.Hazards;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk enterprises publish|grant|revoke|query|export|audit</c>: enterprise risk for insurers on a hub (docs/insurers.md).</summary>
internal static class EnterprisesCommand
{
    public static Command Create(CliConsole console) => new("enterprises", "Enterprise risk for insurers: regulators publish profiles and grant access; insurers query and export what they are granted; regulators read the audit (docs/insurers.md).")
    {
        ResourcesCommand.Publish<EnterpriseRiskProfile>(console, "publish", "an enterprise risk profile (kind \"enterprise-profile\"): revision 1 for a new enterprise, later revisions update it (role regulator)",
            static (c, d, t) => c.Enterprises.PublishProfileAsync(d, t), static d => $"profile {d.Owner}/{d.Id} revision {d.Revision} ({d.RiskGrade}, {d.Periods.Count} period(s))"),
        ResourcesCommand.Publish<EnterpriseGrant>(console, "grant", "a grant (kind \"enterprise-grant\"): an enterprise's consent or an agreement with an insurer (role regulator)",
            static (c, d, t) => c.Enterprises.GrantAsync(d, t), static d => $"grant {d.Owner}/{d.Id} revision {d.Revision} to {d.Insurer}: {(d.Basis == GrantBasis.Consent ? $"consent of {d.CreditCode}" : $"agreement for {d.Jurisdiction} in {string.Join(" ", d.Industries)}")} until {ObservationsCommand.Format(d.ValidUntil)}"),
        Revoke(console),
        Query(console),
        Export(console),
        Audit(console),
    };

    private static Command Revoke(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The id of your grant." };
        var note = new Option<string?>("--note") { Description = "Why it is revoked." };
        var connection = new HubConnection();
        var command = new Command("revoke", "Revoke one of your grants: its next revision in state Revoked; from then on what it covered does not exist for the insurer. Exit 0 when revoked, 1 when refused (no such grant, already revoked), 2 for usage errors.") { id, note };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            var revoked = await client.Enterprises.RevokeAsync(parse.GetRequiredValue(id), parse.GetValue(note), cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"revoked grant {revoked.Grant.Owner}/{revoked.Grant.Id} (revision {revoked.Grant.Revision}) at cursor {revoked.Cursor}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Query(CliConsole console)
    {
        var filters = new Filters();
        var order = new Option<string>("--order") { Description = "score (highest first) or credit-code.", DefaultValueFactory = _ => "score" };
        var limit = new Option<int>("--limit") { Description = "At most this many profiles.", DefaultValueFactory = _ => 100 };
        var count = new Option<bool>("--count") { Description = "Print only how many profiles match that you may read." };
        var connection = new HubConnection();
        var command = new Command("query", "List the enterprise profiles you may read that match, one line each: credit code, regulator, name, industry, jurisdiction, grade, flags, risk score, grant. Exit 0, 1 when refused, 2 for usage errors.")
        {
            order, limit, count,
        };
        filters.AddTo(command);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            if (filters.Read(parse, console, parse.GetValue(order) ?? "score") is not { } query)
            {
                return ExitCodes.Usage;
            }

            if (parse.GetValue(count))
            {
                await console.Out.WriteLineAsync((await client.Enterprises.CountAsync(query, cancellationToken).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var shown = 0;
            await foreach (var entry in client.Enterprises.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if (shown++ == parse.GetValue(limit))
                {
                    await console.Error.WriteLineAsync($"more match; showing the first {parse.GetValue(limit)} (--limit)").ConfigureAwait(false);
                    break;
                }

                var p = entry.Profile;
                var name = p.Name.TryGet("zh-CN", out var chinese) ? chinese : p.Name.Entries[0].Value;
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Id}\t{p.Owner}\t{name}\t{p.Industry}\t{p.Jurisdiction}\t{p.RiskGrade}\t{(p.HazardousChemicals ? "chemicals" : "-")}\t{(p.MajorHazardSource ? "major-hazard" : "-")}\tscore {(entry.RiskScore is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "none")}\t{(entry.GrantId is { } g ? "grant " + g : "own")}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var filters = new Filters();
        var output = new Option<string>("--out") { Description = "The CSV file to write (UTF-8 with a byte order mark, RFC 4180; docs/insurers.md, \"Export\"); - for standard output.", Required = true };
        var connection = new HubConnection();
        var command = new Command("export", "Export the enterprise profiles you may read that match as CSV for actuarial tools: one row per enterprise and reporting period with its indicators. Exit 0 when written, 1 when refused, 2 for usage errors.")
        {
            output,
        };
        filters.AddTo(command);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            if (filters.Read(parse, console, "credit-code") is not { } query)
            {
                return ExitCodes.Usage;
            }

            var path = parse.GetRequiredValue(output);
            if (path == "-")
            {
                var written = await client.Enterprises.ExportAsync(console.OutputStream, query, cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"wrote {written.Rows} row(s) for {written.Profiles} enterprise(s)").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            // Written next to the target and moved over it at the end, so a failed export never leaves half a file under the name asked for.
            var temporary = path + ".partial";
            EnterpriseExportSummary summary;
            try
            {
                await using var stream = File.Create(temporary);
                summary = await client.Enterprises.ExportAsync(stream, query, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            File.Move(temporary, path, overwrite: true);
            await console.Error.WriteLineAsync($"wrote {summary.Rows} row(s) for {summary.Profiles} enterprise(s) to {path}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Audit(CliConsole console)
    {
        var code = new Option<string?>("--credit-code") { Description = "Only reads of this profile." };
        var insurer = new Option<string?>("--insurer") { Description = "Only reads by this insurer." };
        var limit = new Option<int>("--limit") { Description = "At most this many entries, newest first.", DefaultValueFactory = _ => 100 };
        var connection = new HubConnection();
        var command = new Command("audit", "List insurers' reads of your profiles, newest first: when, insurer, credit code, revision, grant, how (role regulator). Exit 0, 1 when refused, 2 for usage errors.")
        {
            code, insurer, limit,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            var shown = 0;
            await foreach (var read in client.Enterprises.GetAuditAsync(new EnterpriseAuditQuery { CreditCode = parse.GetValue(code), Insurer = parse.GetValue(insurer) }, cancellationToken).ConfigureAwait(false))
            {
                if (shown++ == parse.GetValue(limit))
                {
                    break;
                }

                await console.Out.WriteLineAsync($"{ObservationsCommand.Format(read.ReadAt)}\t{read.Insurer}\t{read.CreditCode}\trevision {read.Revision}\tgrant {read.GrantId} (revision {read.GrantRevision})\t{read.Via}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>The selection options query and export share.</summary>
    private sealed class Filters
    {
        private readonly Option<string[]> _industries = new("--industry") { Description = "GB/T 4754-2017 codes; an industry starting with one matches (C26 covers C2614).", AllowMultipleArgumentsPerToken = true };
        private readonly Option<string[]> _jurisdictions = new("--jurisdiction") { Description = "Six-digit GB/T 2260 divisions, sub-divisions included (440600 covers 4406xx).", AllowMultipleArgumentsPerToken = true };
        private readonly Option<string[]> _grades = new("--grade") { Description = "Risk grades: Major, Significant, General, Low.", AllowMultipleArgumentsPerToken = true };
        private readonly Option<double?> _minScore = new("--min-score") { Description = "The least risk score (0 to 100)." };
        private readonly Option<double?> _maxScore = new("--max-score") { Description = "The greatest risk score (0 to 100)." };
        private readonly Option<bool?> _chemicals = new("--hazardous-chemicals") { Description = "true: only enterprises with hazardous chemicals; false: only without." };
        private readonly Option<bool?> _major = new("--major-hazard-source") { Description = "true: only with a major hazard source; false: only without." };
        private readonly Option<bool?> _insured = new("--insured") { Description = "true: only insured enterprises; false: only uninsured." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _industries, _jurisdictions, _grades, _minScore, _maxScore, _chemicals, _major, _insured })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The query, or null after saying which option is wrong.</summary>
        public EnterpriseProfileQuery? Read(ParseResult parse, CliConsole console, string order)
        {
            var grades = new List<RiskGrade>();
            foreach (var text in PublishCommand.Split(parse.GetValue(_grades)))
            {
                if (!Enum.TryParse<RiskGrade>(text, ignoreCase: true, out var grade) || !Enum.IsDefined(grade) || int.TryParse(text, out _))
                {
                    console.Error.WriteLine($"cityrisk: --grade '{text}' is not Major, Significant, General or Low.");
                    return null;
                }

                grades.Add(grade);
            }

            if (order is not ("score" or "credit-code"))
            {
                console.Error.WriteLine($"cityrisk: --order '{order}' is not score or credit-code.");
                return null;
            }

            return new EnterpriseProfileQuery
            {
                Industries = PublishCommand.Split(parse.GetValue(_industries)),
                Jurisdictions = PublishCommand.Split(parse.GetValue(_jurisdictions)),
                RiskGrades = grades,
                MinScore = parse.GetValue(_minScore),
                MaxScore = parse.GetValue(_maxScore),
                HazardousChemicals = parse.GetValue(_chemicals),
                MajorHazardSource = parse.GetValue(_major),
                Insured = parse.GetValue(_insured),
                OrderBy = order == "credit-code" ? EnterpriseOrder.CreditCode : EnterpriseOrder.Score,
            };
        }
    }
}
