namespace CityRisk.Wire;

/// <summary>A call that ended with a non-OK status, with the status's detail and trailers.</summary>
internal sealed class GrpcCallException(GrpcStatusCode statusCode, string detail, IReadOnlyDictionary<string, string>? trailers = null, Exception? inner = null)
    : Exception($"{statusCode}: {detail}", inner)
{
    public GrpcStatusCode StatusCode { get; } = statusCode;

    public string Detail { get; } = detail;

    /// <summary>Response headers and trailers by lower-case name (binary "-bin" values still Base64).</summary>
    public IReadOnlyDictionary<string, string> Trailers { get; } = trailers ?? new Dictionary<string, string>();
}
