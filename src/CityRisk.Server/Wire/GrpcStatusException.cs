using CityRisk.Wire;

namespace CityRisk.Server.Wire;

/// <summary>Thrown by a method handler to end the call with a status (and optional extra trailers, such as the problems).</summary>
internal sealed class GrpcStatusException(GrpcStatusCode statusCode, string detail, IReadOnlyDictionary<string, string>? trailers = null)
    : Exception(detail)
{
    public GrpcStatusCode StatusCode { get; } = statusCode;

    public IReadOnlyDictionary<string, string> Trailers { get; } = trailers ?? new Dictionary<string, string>();

    /// <summary>For INVALID_ARGUMENT, the problems the trailer carries, kept as they are for callers in the process (PublishBatch).</summary>
    public IReadOnlyList<CityRisk.Problems.Problem> Problems { get; init; } = [];
}
