namespace CityRisk.Alerts;

/// <summary>
/// The enveloped XML signature of a CAP document, kept as the document's original bytes.
/// </summary>
/// <remarks>
/// The signed bytes are the whole document, so a signature survives only as kept bytes: writing the untouched
/// alert back as CAP writes exactly these bytes. Any change, and any conversion (to CityRisk JSON, or a re-encoding
/// of a modified alert), drops the signature with a <c>CAP-SIGNATURE-DROPPED</c> warning.
/// This library keeps signatures; it does not verify them.
/// </remarks>
public sealed class CapSignature
{
    private readonly byte[] _document;

    internal CapSignature(byte[] document, Alert unsignedOrigin, int signatureCount)
    {
        _document = document;
        UnsignedOrigin = unsignedOrigin;
        SignatureCount = signatureCount;
    }

    /// <summary>The signed document exactly as it was read.</summary>
    public ReadOnlyMemory<byte> SignedDocument => _document;

    /// <summary>How many <c>ds:Signature</c> elements the document carries.</summary>
    public int SignatureCount { get; }

    /// <summary>The alert as read, without its signature: the state the signed bytes describe.</summary>
    internal Alert UnsignedOrigin { get; }

    /// <summary>Whether <paramref name="alert"/> is still exactly what was read (no member replaced).</summary>
    internal bool Describes(Alert alert) => UnsignedOrigin.Equals(alert with { Signature = null });
}
