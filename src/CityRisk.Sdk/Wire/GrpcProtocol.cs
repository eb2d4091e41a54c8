namespace CityRisk.Wire;

/// <summary>Names and limits of gRPC over HTTP/2 (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string ContentTypeProto = "application/grpc+proto";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>The trailer holding a serialized <c>cityrisk.v1.Problems</c> for INVALID_ARGUMENT.</summary>
    public const string ProblemsTrailer = "cityrisk-problems-bin";

    /// <summary>The trailer holding the cursor a subscriber that fell behind resumes from.</summary>
    public const string ResumeCursorTrailer = "cityrisk-resume-cursor";

    /// <summary>
    /// Response header of Subscribe: the cursor the stream starts after (for "from now", the hub's last cursor when the
    /// call opened). A client that reconnects before any delivery resumes after it, so nothing published in between
    /// is lost.
    /// </summary>
    public const string StartCursorHeader = "cityrisk-start-cursor";

    /// <summary>The default largest message accepted either way: 4 MiB, gRPC's usual default.</summary>
    public const int DefaultMaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>The length prefix: 1 byte compressed flag + 4 bytes big-endian length.</summary>
    public const int FrameHeaderLength = 5;

    /// <summary>Whether a content-type names gRPC (<c>application/grpc</c>, optionally <c>+proto</c> and parameters).</summary>
    public static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';');
}
