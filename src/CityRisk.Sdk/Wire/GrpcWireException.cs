namespace CityRisk.Wire;

/// <summary>A gRPC-level failure with its status code, raised inside the call layer and turned into a status at its edge.</summary>
internal sealed class GrpcWireException(GrpcStatusCode statusCode, string detail) : Exception(detail)
{
    public GrpcStatusCode StatusCode { get; } = statusCode;
}
