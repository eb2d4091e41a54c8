using System.Security.Cryptography;
using System.Text;
using CityRisk.Alerts;
using CityRisk.Hazards;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.InMemory;
using CityRisk.Server.Partners;
using Google.Protobuf;
using Grpc.Core;

namespace CityRisk.Fuzz;

/// <summary>
/// The fuzzing targets: each takes arbitrary bytes the way the hub or the CLI takes them from the network or a file,
/// and throws only for a bug. An exception a parser documents for bad input (a refused partners file, a protobuf
/// that does not decode, a gRPC refusal) is the expected answer; anything else, and any broken invariant, is a
/// finding. The same code replays the regression inputs in the tests (tests/CityRisk.Server.Tests/Fuzzing).
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The targets by name, as <c>scripts/fuzz.sh</c> and docs/fuzzing.md name them.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["cap"] = input => RoundTrip(new CapAlertCodec(), input),
        ["json"] = input => RoundTrip(new JsonAlertCodec(), input),
        ["hazard"] = input => RoundTrip(new JsonHazardCodec(), input, HazardValidator.Validate),
        ["observation"] = input => RoundTrip(new JsonObservationCodec(), input, o => ObservationValidator.Validate(o)),
        ["incident"] = input => RoundTrip(new Incidents.JsonIncidentCodec(), input, Incidents.IncidentValidator.Validate),
        ["resource"] = Pooling,
        ["enterprise"] = Enterprise,
        ["detect"] = Detect,
        ["partners"] = Partners,
        ["publish"] = Publish,
    };

    /// <summary>
    /// A codec never throws; what it reads without errors and is valid CAP 1.2 it writes without errors, and reads back
    /// the same alert.
    /// </summary>
    private static void RoundTrip(DocumentCodec<Alert> codec, byte[] input)
    {
        var read = codec.Read(input);
        if (read.HasErrors || read.Value is null)
        {
            return;
        }

        var written = codec.Write(read.Value);
        if (written.HasErrors && AlertValidator.Validate(read.Value).Any(p => p.Severity == Problems.ProblemSeverity.Error))
        {
            // Read by an older CAP version's rules, it says what CAP 1.2 cannot (a resource without a mimeType): the
            // writer refuses it with the problems, as docs/formats.md says.
            return;
        }

        if (written.HasErrors || written.Value is null)
        {
            throw new FuzzFindingException($"{codec.MediaType}: a document read without errors does not write back: {string.Join("; ", written.Problems.Select(p => $"{p.Code} {p.Path}"))}");
        }

        var again = codec.Read(written.Value);
        if (again.HasErrors || again.Value is null)
        {
            throw new FuzzFindingException($"{codec.MediaType}: what the writer wrote does not read back: {string.Join("; ", again.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}"))}");
        }

        if (!again.Value.Equals(read.Value))
        {
            throw new FuzzFindingException($"{codec.MediaType}: the alert read back differs from the one written");
        }
    }

    /// <summary>
    /// The codec of a kind after alerts never throws; what it reads without errors it writes without errors, and reads
    /// back the same document (the validator, run by both, is the judge of what is writable).
    /// </summary>
    private static void RoundTrip<T>(DocumentCodec<T> codec, byte[] input, Func<T, IReadOnlyList<Problems.Problem>> validate)
        where T : class
    {
        var read = codec.Read(input);
        if (read.HasErrors || read.Value is null)
        {
            return;
        }

        var written = codec.Write(read.Value);
        if (written.HasErrors || written.Value is null)
        {
            throw new FuzzFindingException($"{codec.MediaType}: a document read without errors does not write back: {string.Join("; ", written.Problems.Select(p => $"{p.Code} {p.Path}"))}");
        }

        var again = codec.Read(written.Value);
        if (again.HasErrors || again.Value is null || !again.Value.Equals(read.Value))
        {
            throw new FuzzFindingException($"{codec.MediaType}: what the writer wrote does not read back the same: {string.Join("; ", again.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}"))}");
        }

        _ = validate(read.Value);
    }

    /// <summary>The six pooling codecs (docs/resources.md): each reads only its own kind, so every input goes to all six.</summary>
    private static void Pooling(byte[] input)
    {
        RoundTrip(new Resources.JsonResourceCodec(), input, Resources.ResourceValidator.Validate);
        RoundTrip(new Resources.JsonResourceRequestCodec(), input, Resources.ResourceValidator.Validate);
        RoundTrip(new Resources.JsonResourceOfferCodec(), input, Resources.ResourceValidator.Validate);
        RoundTrip(new Resources.JsonResourceCommitmentCodec(), input, Resources.ResourceValidator.Validate);
        RoundTrip(new Resources.JsonResourceStatusReportCodec(), input, Resources.ResourceValidator.Validate);
        RoundTrip(new Resources.JsonResourceReleaseCodec(), input, Resources.ResourceValidator.Validate);
    }

    /// <summary>Enterprise profiles and grants: each codec on the same input.</summary>
    private static void Enterprise(byte[] input)
    {
        RoundTrip(new Enterprises.JsonEnterpriseProfileCodec(), input, Enterprises.EnterpriseValidator.Validate);
        RoundTrip(new Enterprises.JsonEnterpriseGrantCodec(), input, Enterprises.EnterpriseGrantValidator.Validate);
    }

    /// <summary>Format detection, as the CLI and the hub do it for any file: it names a family or refuses, never throws.</summary>
    private static void Detect(byte[] input) => _ = DocumentCodecs.Default.Read(input);

    /// <summary>The partners file: a <see cref="PartnersFileException"/> for what it refuses, nothing else.</summary>
    private static void Partners(byte[] input)
    {
        try
        {
            var registry = PartnersFile.Parse(input);
            // What was accepted serializes and parses back.
            _ = PartnersFile.Parse(PartnersFile.Serialize(registry));
        }
        catch (PartnersFileException)
        {
        }
    }

    private static readonly Lazy<(CallInvoker Invoker, Metadata Headers)> Hub = new(() =>
    {
        var fake = new FakeExchange([new FakeExchangePartner("foshan-em", ["city"], ["alerts@foshan-em.example.cn"])]);
        return (fake.CreateCallInvoker(), new Metadata { { ExchangeMetadata.Authorization, $"Bearer {fake.TokenOf("foshan-em")}" } });
    });

    /// <summary>
    /// A PublishRequest as it arrives on the wire: bytes that do not decode are the gRPC layer's to refuse; a decoded
    /// request gets an answer or a gRPC status from the exchange, never another exception.
    /// </summary>
    private static void Publish(byte[] input)
    {
        PublishRequest request;
        try
        {
            request = PublishRequest.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException)
        {
            return;
        }

        var (invoker, headers) = Hub.Value;
        try
        {
            new Exchange.ExchangeClient(invoker).Publish(request, headers);
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Unknown && ex.StatusCode != StatusCode.Internal)
        {
            // A refusal with a status is the exchange's answer; UNKNOWN or INTERNAL would be an unhandled exception.
        }
    }

    /// <summary>Seed inputs for a target, from the repository's own vectors and samples.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Seeds(string target, string repositoryRoot)
    {
        var vectors = Path.Combine(repositoryRoot, "tests", "CityRisk.Abstractions.Tests", "Vectors");
        var samples = Path.Combine(repositoryRoot, "samples", "alerts");
        IEnumerable<string> Files(string folder, string pattern) => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal) : [];
        var cap = Files(Path.Combine(vectors, "cap"), "*.xml").Concat(Files(samples, "*.xml"));
        var json = Files(Path.Combine(vectors, "json"), "*.json").Concat(Files(samples, "*.json"));
        var hazards = Path.Combine(repositoryRoot, "samples", "hazards");
        var incidents = Path.Combine(repositoryRoot, "samples", "incidents");
        var resources = Path.Combine(repositoryRoot, "samples", "resources");
        var enterprises = Path.Combine(repositoryRoot, "samples", "enterprises");
        return target switch
        {
            "cap" => cap.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "json" => json.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "hazard" => Files(hazards, "hefei-bridge.json").Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "observation" => Files(hazards, "*reading*.json").Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "incident" => Files(incidents, "*.json").Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "resource" => Files(resources, "*.json").Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "enterprise" => Files(enterprises, "*.json").Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "detect" => cap.Concat(json).Concat(Files(hazards, "*.json")).Concat(Files(incidents, "*.json")).Concat(Files(resources, "*.json")).Concat(Files(enterprises, "*.json")).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
            "partners" => PartnersSeeds(),
            "publish" => Files(samples, "*.*").Select(f => (Path.GetFileName(f) + ".pb", PublishSeed(File.ReadAllBytes(f)))),
            _ => throw new ArgumentException($"unknown target '{target}'", nameof(target)),
        };
    }

    private static IEnumerable<(string, byte[])> PartnersSeeds()
    {
        var token = "crk_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        yield return ("partners.json", Encoding.UTF8.GetBytes($$"""
            { "partners": [
              { "id": "foshan-em", "name": "Foshan EM", "roles": ["city"], "capSenders": ["alerts@foshan-em.example.cn"],
                "credentials": [ { "id": "2026-11", "hash": "{{PartnerTokens.Hash(token)}}", "notAfter": "2027-11-23T00:00:00+08:00" } ] },
              { "id": "macau-smg", "roles": ["city", "lifeline-operator"], "capSenders": [],
                "credentials": [ { "id": "old", "hash": "{{PartnerTokens.Hash(token + "x")}}", "revoked": true } ] } ] }
            """));
    }

    /// <summary>A PublishRequest as a correct client sends a sample: the envelope derived from the document.</summary>
    private static byte[] PublishSeed(byte[] document)
    {
        var parsed = DocumentCodecs.Default.Read<Alert>(document);
        var alert = parsed.Value ?? throw new InvalidOperationException($"a sample does not read: {string.Join("; ", parsed.Problems.Select(p => p.Code))}");
        var envelope = AlertEnvelope.Create(alert, "foshan-em", document, parsed.Codec!.MediaType, alert.Scope == AlertScope.Restricted ? ["lifeline-operator"] : []);
        return new PublishRequest { Envelope = envelope }.ToByteArray();
    }
}
