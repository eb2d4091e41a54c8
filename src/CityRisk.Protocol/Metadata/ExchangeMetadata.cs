namespace CityRisk.Protocol;

/// <summary>
/// The metadata names of the exchange protocol beyond standard gRPC (exchange.proto and docs/wire.md): every
/// implementation, in any language, uses these exact names.
/// </summary>
public static class ExchangeMetadata
{
    /// <summary>The request header with the partner's credential: <c>authorization: Bearer &lt;token&gt;</c>.</summary>
    public const string Authorization = "authorization";

    /// <summary>
    /// Response header of Subscribe: the cursor the stream starts after (for "from now", the hub's last cursor when the
    /// call opened). A client that loses the stream before its first delivery resumes after it, so nothing published
    /// in between is lost.
    /// </summary>
    public const string StartCursor = "cityrisk-start-cursor";

    /// <summary>Trailer of a RESOURCE_EXHAUSTED Subscribe: the cursor a subscriber that fell behind resumes after.</summary>
    public const string ResumeCursor = "cityrisk-resume-cursor";

    /// <summary>The name of the exchange service: <c>cityrisk.v1.Exchange</c>.</summary>
    public const string ServiceName = "cityrisk.v1.Exchange";
}
