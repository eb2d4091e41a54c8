using CityRisk.Problems;
using CityRisk.Protocol;
using Grpc.Core;

namespace CityRisk.Server.Exchange;

/// <summary>
/// An INVALID_ARGUMENT refusal with every problem: in the <c>cityrisk-problems-bin</c> trailer for the wire, and as
/// they are for callers in the process (PublishBatch reports each envelope's problems without decoding a trailer).
/// </summary>
internal sealed class ExchangeRefusal(string message, IReadOnlyList<Problem> problems)
    : RpcException(new Status(StatusCode.InvalidArgument, message), ProblemsTrailer.ToTrailers(problems), message)
{
    public IReadOnlyList<Problem> Problems { get; } = problems;
}
