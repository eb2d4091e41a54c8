using System.Text.Json;
using CityRisk.Problems;

namespace CityRisk.Tests.Documents;

/// <summary>
/// The contract reader (hazards, incidents, the pooling kinds, enterprise profiles) checks well-formedness only when
/// reading fails. Mutated copies of the samples pin what that must not change: a document that is not well-formed JSON
/// (by a full pass of the reader with every string decoded) gets exactly JSON-MALFORMED, whatever else is wrong with
/// it; one that is well-formed never does.
/// </summary>
public sealed class ContractReaderMutationTests
{
    private const int MutationsPerSeed = 2000;

    private static IEnumerable<string> SeedFiles() =>
        new[] { "hazards", "incidents", "resources", "enterprises" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot, "samples", folder), "*.json"))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Seeds() => [.. SeedFiles().Select(Path.GetFileName).Cast<string>()];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Malformed_mutants_get_exactly_json_malformed_and_well_formed_ones_never_do(string seedName)
    {
        var seed = File.ReadAllBytes(SeedFiles().First(f => Path.GetFileName(f) == seedName));
        var codec = Assert.IsAssignableFrom<DocumentCodec>(DocumentCodecs.Default.Find(CityRiskJsonKind(seed), DocumentFormat.CityRiskJson));
        var random = new Random(MutationTests.StableHash(seedName) ^ 20261201);
        var malformed = 0;
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var mutant = MutationTests.Mutate(seed, random);
            foreach (var validate in new[] { true, false })
            {
                var read = codec.ReadObject(mutant, validate);
                if (IsMalformed(mutant))
                {
                    malformed++;
                    Assert.True(read.Problems is [{ Code: ProblemCodes.JsonMalformed }], $"mutation {i} of {seedName} is malformed but got {Describe(read.Problems)}\n{Convert.ToBase64String(mutant)}");
                    Assert.Null(read.Value);
                }
                else
                {
                    Assert.False(read.Problems.Any(p => p.Code == ProblemCodes.JsonMalformed), $"mutation {i} of {seedName} is well-formed but got {Describe(read.Problems)}\n{Convert.ToBase64String(mutant)}");
                }
            }
        }

        Assert.True(malformed > MutationsPerSeed / 10, $"only {malformed / 2} of {MutationsPerSeed} mutants were malformed: the mutations do not exercise the rule");
    }

    private static string CityRiskJsonKind(byte[] document) => JsonDocument.Parse(document).RootElement.GetProperty("kind").GetString()!;

    private static string Describe(IReadOnlyList<Problem> problems) => problems.Count == 0 ? "no problem" : string.Join("; ", problems.Select(p => $"{p.Code} {p.Path}"));

    /// <summary>The oracle, written independently of the reader: a full pass (depth 32, no comments, one value) decoding every string.</summary>
    private static bool IsMalformed(byte[] document)
    {
        var bytes = document.AsSpan();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (bytes.IsEmpty)
        {
            return false; // empty is its own problem, not JSON-MALFORMED
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return true;
        }
    }
}
