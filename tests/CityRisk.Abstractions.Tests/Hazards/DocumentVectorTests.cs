using System.Text.Json;
using System.Text.Json.Nodes;
using CityRisk.Hazards;
using CityRisk.Problems;
using CityRisk.Testing.Shared;

namespace CityRisk.Tests.Hazards;

/// <summary>
/// The language-neutral entity document vectors (conformance/hazards/*.json, docs/hazards.md "Vectors";
/// conformance/incidents/*.json, docs/incidents.md "Vectors"; conformance/resources/*.json, docs/resources.md "Vectors"): each document, read and validated, gives exactly the expected error codes; a valid one gives none and
/// what it writes reads back to the same bytes.
/// </summary>
public sealed class DocumentVectorTests
{
    public static TheoryData<string> Vectors { get; } =
        [.. new[] { "hazards", "incidents", "resources", "enterprises", "enterprise-grants" }.SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "conformance", folder), "*.json").Select(f => $"{folder}/{Path.GetFileName(f)}")).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_document_gives_exactly_its_expected_problems(string vectorPath)
    {
        var path = Path.Combine(RepositoryRoot.Path, "conformance", vectorPath);
        var file = Path.GetFileName(path);
        var vector = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        Assert.Equal(Path.GetFileNameWithoutExtension(file), (string?)vector["id"]);
        var document = JsonSerializer.SerializeToUtf8Bytes(vector["document"]);
        var kind = (string?)vector["kind"];
        var (problems, written) = ReadAs(kind, document, file);
        var codes = problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        if (Environment.GetEnvironmentVariable("CITYRISK_UPDATE_VECTORS") == "1")
        {
            vector["expectedProblems"] = new JsonArray([.. codes.Select(c => (JsonNode)c)]);
            File.WriteAllText(path, vector.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            return;
        }

        var expected = vector["expectedProblems"]!.AsArray().Select(c => (string)c!).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(codes), $"{file}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Code} at {p.Path}: {p.Message}"))}]");
        Assert.Equal(file.StartsWith("valid-", StringComparison.Ordinal), codes.Count == 0);
        if (written is not null)
        {
            // Written back (defaults may be spelled out), it reads as the same document.
            var (again, rewritten) = ReadAs(kind, written, file);
            Assert.Empty(again);
            Assert.Equal(Convert.ToHexString(written), Convert.ToHexString(rewritten!));
        }
    }

    private static (IReadOnlyList<Problem> Problems, byte[]? Written) ReadAs(string? kind, byte[] document, string file) => kind switch
    {
        "hazard" => Read<Hazard>(document),
        "observation" => Read<Observation>(document),
        "incident" => Read<CityRisk.Incidents.Incident>(document),
        "resource" => Read<CityRisk.Resources.Resource>(document),
        "resource-request" => Read<CityRisk.Resources.ResourceRequest>(document),
        "resource-offer" => Read<CityRisk.Resources.ResourceOffer>(document),
        "resource-commitment" => Read<CityRisk.Resources.ResourceCommitment>(document),
        "resource-status-report" => Read<CityRisk.Resources.ResourceStatusReport>(document),
        "resource-release" => Read<CityRisk.Resources.ResourceRelease>(document),
        "enterprise-profile" => Read<CityRisk.Enterprises.EnterpriseRiskProfile>(document),
        "enterprise-grant" => Read<CityRisk.Enterprises.EnterpriseGrant>(document),
        _ => throw new InvalidOperationException($"{file}: kind '{kind}' has no contract here"),
    };

    private static (IReadOnlyList<Problem> Problems, byte[]? Written) Read<T>(byte[] document)
        where T : class
    {
        var codec = DocumentCodecs.Default.Get<T>(DocumentFormat.CityRiskJson);
        var read = codec.Read(document);
        return (read.Problems, read.HasErrors || read.Value is null ? null : codec.Write(read.Value).Value);
    }
}
