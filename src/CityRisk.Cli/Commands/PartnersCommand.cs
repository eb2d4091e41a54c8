using System.CommandLine;
using CityRisk.Server.Partners;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk partners hash-token|add</c>: helps write a hub's partners file.</summary>
internal static class PartnersCommand
{
    public static Command Create(CliConsole console) => new("partners", "Write and maintain a hub's partners file (docs/operations.md).")
    {
        HashToken(console),
        Add(console),
    };

    private static Command HashToken(CliConsole console)
    {
        var token = new Argument<string?>("token") { Description = "The token to hash; a new random token when absent.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("hash-token", "Print a token (new unless given) and the hash the partners file stores for it.") { token };
        command.SetAction(async (parse, _) =>
        {
            var value = parse.GetValue(token) ?? PartnerTokens.Generate();
            await console.Out.WriteLineAsync($"token: {value}").ConfigureAwait(false);
            await console.Out.WriteLineAsync($"hash:  {PartnerTokens.Hash(value)}").ConfigureAwait(false);
            console.Flush();
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The partners file; created when it does not exist." };
        var id = new Option<string>("--id") { Description = "The partner id (foshan-em).", Required = true };
        var name = new Option<string?>("--name") { Description = "A name for people." };
        var roles = new Option<string[]>("--role") { Description = "A role (repeatable): city, lifeline-operator, insurer ...", AllowMultipleArgumentsPerToken = true };
        var capSenders = new Option<string[]>("--cap-sender") { Description = "A CAP <sender> value the partner may use (repeatable).", AllowMultipleArgumentsPerToken = true };
        var jurisdictions = new Option<string[]>("--jurisdiction") { Description = "A GB/T 2260 division the partner is responsible for (repeatable): it verifies and dispatches incidents there (docs/incidents.md).", AllowMultipleArgumentsPerToken = true };
        var groups = new Option<string[]>("--group") { Description = "A mutual-aid group the partner belongs to (repeatable): group:<name> audiences reach it (docs/resources.md).", AllowMultipleArgumentsPerToken = true };
        var credentialId = new Option<string>("--credential-id") { Description = "A name for the new credential.", DefaultValueFactory = _ => DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) };

        var command = new Command("add", "Add a partner with a new token, or a new token to an existing partner (rotation). Prints the token once; the file keeps only its hash.")
        {
            file, id, name, roles, capSenders, jurisdictions, groups, credentialId,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!PartyId.TryParse(parse.GetRequiredValue(id), out var partnerId))
            {
                await console.Error.WriteLineAsync($"cityrisk: '{parse.GetValue(id)}' is not a partner id: 2 to 63 lowercase letters, digits and hyphens.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if ((parse.GetValue(jurisdictions) ?? []).FirstOrDefault(j => !Jurisdiction.TryParse(j, out _)) is { } bad)
            {
                await console.Error.WriteLineAsync($"cityrisk: '{bad}' is not a six-digit GB/T 2260 code.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            List<Partner> partners;
            try
            {
                partners = File.Exists(path) ? [.. (await PartnersFile.LoadAsync(path, cancellationToken).ConfigureAwait(false)).Partners] : [];
            }
            catch (PartnersFileException ex)
            {
                await console.Error.WriteLineAsync($"cityrisk: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            var token = PartnerTokens.Generate();
            var index = partners.FindIndex(p => p.Id == partnerId);
            var credential = new PartnerCredential { Id = UniqueCredentialId(parse.GetRequiredValue(credentialId), index < 0 ? [] : partners[index].Credentials), Hash = PartnerTokens.Hash(token) };
            var updated = index < 0
                ? new Partner { Id = partnerId, Name = parse.GetValue(name), Roles = parse.GetValue(roles) ?? [], CapSenders = parse.GetValue(capSenders) ?? [], Jurisdictions = parse.GetValue(jurisdictions) ?? [], Groups = parse.GetValue(groups) ?? [], Credentials = [credential] }
                : partners[index] with
                {
                    Name = parse.GetValue(name) ?? partners[index].Name,
                    Roles = [.. partners[index].Roles.Union(parse.GetValue(roles) ?? [])],
                    CapSenders = [.. partners[index].CapSenders.Union(parse.GetValue(capSenders) ?? [])],
                    Jurisdictions = [.. partners[index].Jurisdictions.Union(parse.GetValue(jurisdictions) ?? [])],
                    Groups = [.. partners[index].Groups.Union(parse.GetValue(groups) ?? [])],
                    Credentials = [.. partners[index].Credentials, credential],
                };
            if (index < 0)
            {
                partners.Add(updated);
            }
            else
            {
                partners[index] = updated;
            }

            // Write beside, then move: a crash never leaves a half-written partners file.
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, PartnersFile.Serialize(new PartnerRegistry(partners)), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);

            await console.Out.WriteLineAsync($"{(index < 0 ? "added" : "rotated")} {partnerId} credential {credential.Id}").ConfigureAwait(false);
            await console.Out.WriteLineAsync($"token: {token}").ConfigureAwait(false);
            await console.Out.WriteLineAsync("Give the token to the partner now; it is not stored and cannot be shown again.").ConfigureAwait(false);
            console.Flush();
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The asked-for id, or with -2, -3 ... appended when the partner already has a credential by that name (a second rotation in a month).</summary>
    private static string UniqueCredentialId(string wanted, IReadOnlyList<PartnerCredential> existing)
    {
        var id = wanted;
        for (var n = 2; existing.Any(c => c.Id == id); n++)
        {
            id = $"{wanted}-{n}";
        }

        return id;
    }
}
