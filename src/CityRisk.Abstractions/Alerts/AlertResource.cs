namespace CityRisk.Alerts;

/// <summary>A digital asset that supplements an info block: an image, audio or document (CAP <c>resource</c>).</summary>
public sealed record AlertResource
{
    /// <summary>The text describing the type and content of the resource (CAP <c>resourceDesc</c>). Required.</summary>
    public required string Description { get; init; }

    /// <summary>The MIME content type (RFC 2046). Required by CAP 1.2; optional in CAP 1.0 and 1.1.</summary>
    public string? MimeType { get; init; }

    /// <summary>The size in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>A full absolute URI where the resource can be retrieved, or a relative one when <see cref="DerefUri"/> carries the content.</summary>
    public string? Uri { get; init; }

    /// <summary>The resource content as Base64 (CAP <c>derefUri</c>).</summary>
    public string? DerefUri { get; init; }

    /// <summary>The SHA-1 digest of the resource, hex encoded.</summary>
    public string? Digest { get; init; }
}
