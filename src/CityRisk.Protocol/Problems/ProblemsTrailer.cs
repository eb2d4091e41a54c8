using CityRisk.Problems;
using Google.Protobuf;
using Grpc.Core;
using WireProblem = CityRisk.Protocol.V1.Problem;
using WireProblems = CityRisk.Protocol.V1.Problems;
using WireSeverity = CityRisk.Protocol.V1.ProblemSeverity;

namespace CityRisk.Protocol;

/// <summary>
/// The <c>cityrisk-problems-bin</c> trailer of an INVALID_ARGUMENT status: a serialized <c>cityrisk.v1.Problems</c>
/// with every problem found (severity, stable code, path, message). Hubs add it; clients and the conformance kit read it.
/// </summary>
public static class ProblemsTrailer
{
    /// <summary>The trailer's name; binary (<c>-bin</c>), so gRPC stacks Base64 it on the wire.</summary>
    public const string Name = "cityrisk-problems-bin";

    /// <summary>The problems as the <c>cityrisk.v1.Problems</c> message (also what a PublishBatch error item carries).</summary>
    /// <param name="problems">The problems.</param>
    /// <returns>The message.</returns>
    public static WireProblems ToMessage(IEnumerable<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var message = new WireProblems();
        message.Problems_.AddRange(problems.Select(ToMessage));
        return message;
    }

    /// <summary>One problem as the wire message.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The message.</returns>
    public static WireProblem ToMessage(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new WireProblem
        {
            Severity = problem.Severity == ProblemSeverity.Error ? WireSeverity.Error : WireSeverity.Warning,
            Code = problem.Code,
            Path = problem.Path,
            Message = problem.Message,
        };
    }

    /// <summary>The problems a wire message carries.</summary>
    /// <param name="problems">The wire problems.</param>
    /// <returns>The problems; an unspecified severity reads as an error.</returns>
    public static IReadOnlyList<Problem> FromMessage(IEnumerable<WireProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return [.. problems.Select(p => new Problem(p.Severity == WireSeverity.Warning ? ProblemSeverity.Warning : ProblemSeverity.Error, p.Code, p.Path, p.Message))];
    }

    /// <summary>Trailers for an INVALID_ARGUMENT status that carry these problems.</summary>
    /// <param name="problems">The problems.</param>
    /// <returns>Metadata with the one trailer.</returns>
    public static Metadata ToTrailers(IEnumerable<Problem> problems) => new() { { Name, ToMessage(problems).ToByteArray() } };

    /// <summary>Reads the problems from a status's trailers.</summary>
    /// <param name="trailers">The trailers (for an <see cref="RpcException"/>, its <see cref="RpcException.Trailers"/>).</param>
    /// <param name="problems">The problems; empty when the trailer is absent.</param>
    /// <param name="error">Why a trailer that is present could not be decoded; null otherwise.</param>
    /// <returns>False only when the trailer is present and cannot be decoded.</returns>
    public static bool TryRead(Metadata? trailers, out IReadOnlyList<Problem> problems, out string? error)
    {
        problems = [];
        error = null;
        var entry = trailers?.Get(Name);
        if (entry is null)
        {
            return true;
        }

        try
        {
            // gRPC stacks decode "-bin" metadata from Base64 (padded or not) before it gets here.
            problems = FromMessage(WireProblems.Parser.ParseFrom(entry.ValueBytes).Problems_);
            return true;
        }
        catch (InvalidProtocolBufferException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Whether a status's trailers carry the problems trailer at all.</summary>
    /// <param name="trailers">The trailers.</param>
    /// <returns>True when present.</returns>
    public static bool IsPresent(Metadata? trailers) => trailers?.Get(Name) is not null;
}
