using CityRisk.Json;

namespace CityRisk.Tests.Documents;

/// <summary>
/// Thousands of mutated copies of real documents (bits flipped, bytes cut, repeated, inserted) through every reader:
/// each must answer with problems, never an exception. Not coverage-guided fuzzing, but it runs in every test run
/// with a fixed seed, so a crash it finds is reproducible.
/// </summary>
public class MutationTests
{
    private const int MutationsPerSeed = 3000;

    // Bytes that matter to JSON and XML syntax, and two that are never valid alone in UTF-8.
    private static readonly byte[] Specials = [.. "{}[]\",:<>/&;\\0-9eE+.!?="u8, 0xC3, 0xFF];

    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestFiles.Samples).Concat(Directory.GetFiles(TestFiles.JsonVectors)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_documents_get_problems_never_exceptions(string seedName)
    {
        var path = Directory.GetFiles(TestFiles.Samples).Concat(Directory.GetFiles(TestFiles.JsonVectors)).First(f => Path.GetFileName(f) == seedName);
        var seed = File.ReadAllBytes(path);
        // string.GetHashCode differs from process to process; a stable hash keeps the mutants the same in every run.
        var random = new Random(StableHash(seedName) ^ 20261130);
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var mutant = Mutate(seed, random);
            try
            {
                var read = DocumentCodecs.Default.Read(mutant);
                Assert.True(read.Value is not null || read.Problems.Count > 0, "no value and no problem");
                if (read.Value is CityRisk.Alerts.Alert alert)
                {
                    // Whatever was read can be validated and written again without an exception.
                    _ = CityRisk.Alerts.AlertValidator.Validate(alert);
                    _ = CityRiskJson.Write(alert);
                }
            }
            catch (Exception ex)
            {
                Assert.Fail($"mutation {i} of {seedName} threw {ex.GetType().Name}: {ex.Message}\n{Convert.ToBase64String(mutant)}");
            }
        }
    }

    internal static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var edits = random.Next(1, 5); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 2:
                    var from = random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, Math.Min(random.Next(1, 64), bytes.Count - from)));
                    break;
                case 3:
                    bytes.Insert(at, Specials[random.Next(Specials.Length)]);
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes[at] = (byte)random.Next(256);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>FNV-1a of the name's characters: the same in every process, unlike <see cref="string.GetHashCode()"/>.</summary>
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
