using CityRisk.Problems;
using Google.Protobuf;
using WireProblem = CityRisk.Wire.V1.Problem;
using WireProblems = CityRisk.Wire.V1.Problems;
using WireSeverity = CityRisk.Wire.V1.ProblemSeverity;

namespace CityRisk.Wire;

/// <summary>The <c>cityrisk-problems-bin</c> trailer: a serialized <c>cityrisk.v1.Problems</c>, Base64 as gRPC writes binary metadata.</summary>
internal static class ProblemsTrailer
{
    public static string Encode(IEnumerable<Problem> problems) => Convert.ToBase64String(ToMessage(problems).ToByteArray());

    /// <summary>The problems as the <c>cityrisk.v1.Problems</c> message (also what a PublishBatch error item carries).</summary>
    public static WireProblems ToMessage(IEnumerable<Problem> problems)
    {
        var message = new WireProblems();
        message.Problems_.AddRange(problems.Select(p => new WireProblem
        {
            Severity = p.Severity == ProblemSeverity.Error ? WireSeverity.Error : WireSeverity.Warning,
            Code = p.Code,
            Path = p.Path,
            Message = p.Message,
        }));
        return message;
    }

    /// <summary>Decodes the trailer; peers may omit Base64 padding, which the gRPC spec allows.</summary>
    public static IReadOnlyList<Problem> Decode(string value)
    {
        var trimmed = value.Trim();
        var padded = trimmed.PadRight(trimmed.Length + ((4 - (trimmed.Length % 4)) % 4), '=');
        return [.. WireProblems.Parser.ParseFrom(Convert.FromBase64String(padded)).Problems_.Select(p => new Problem(
            p.Severity == WireSeverity.Warning ? ProblemSeverity.Warning : ProblemSeverity.Error, p.Code, p.Path, p.Message))];
    }
}
