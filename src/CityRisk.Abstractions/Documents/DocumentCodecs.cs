using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk;

/// <summary>
/// The registry of document codecs, one per (kind, format): detection of a document's format and kind, the codec
/// for a media type, and reading any supported document. Immutable; <see cref="With"/> returns a new registry.
/// </summary>
/// <remarks>
/// The CLI, the SDK and the hub all resolve formats here (the hub and the SDK take the registry from their options
/// or from dependency injection), so a kind added to the standard is one codec registered once.
/// </remarks>
public sealed class DocumentCodecs
{
    private readonly Dictionary<(string Kind, DocumentFormat Format), DocumentCodec> _byKey;

    /// <summary>Creates a registry of the given codecs; a later codec for the same kind and format replaces an earlier one.</summary>
    /// <param name="codecs">The codecs.</param>
    public DocumentCodecs(IEnumerable<DocumentCodec> codecs)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        _byKey = [];
        foreach (var codec in codecs)
        {
            ArgumentNullException.ThrowIfNull(codec, nameof(codecs));
            _byKey[(codec.Kind, codec.Format)] = codec;
        }

        All = [.. _byKey.Values];
    }

    /// <summary>The codecs of this library, with default limits: alerts as CAP XML (1.0 to 1.2) and as CityRisk JSON; hazards and observations as CityRisk JSON.</summary>
    public static DocumentCodecs Default { get; } = new([new CapAlertCodec(), new JsonAlertCodec(), new Hazards.JsonHazardCodec(), new Hazards.JsonObservationCodec(), new Incidents.JsonIncidentCodec(),
        new Resources.JsonResourceCodec(), new Resources.JsonResourceRequestCodec(), new Resources.JsonResourceOfferCodec(), new Resources.JsonResourceCommitmentCodec(),
        new Resources.JsonResourceStatusReportCodec(), new Resources.JsonResourceReleaseCodec(), new Enterprises.JsonEnterpriseProfileCodec(), new Enterprises.JsonEnterpriseGrantCodec()]);

    /// <summary>Every registered codec.</summary>
    public IReadOnlyList<DocumentCodec> All { get; }

    /// <summary>The kinds some codec reads.</summary>
    public IEnumerable<string> Kinds => All.Select(c => c.Kind).Distinct();

    /// <summary>A registry with one more codec, replacing the one for the same kind and format.</summary>
    /// <param name="codec">The codec.</param>
    /// <returns>The new registry; this one is unchanged.</returns>
    public DocumentCodecs With(DocumentCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return new([.. All, codec]);
    }

    /// <summary>The codec for a kind in a format.</summary>
    /// <param name="kind">The kind (<c>alert</c>).</param>
    /// <param name="format">The format.</param>
    /// <returns>The codec, or null when none is registered.</returns>
    public DocumentCodec? Find(string kind, DocumentFormat format) =>
        _byKey.GetValueOrDefault((kind ?? throw new ArgumentNullException(nameof(kind)), format));

    /// <summary>The codec for documents of type <typeparamref name="T"/> in a format.</summary>
    /// <typeparam name="T">The contract type (<c>Alert</c>).</typeparam>
    /// <param name="format">The format.</param>
    /// <returns>The codec.</returns>
    /// <exception cref="ArgumentException">No codec writes <typeparamref name="T"/> in that format.</exception>
    public DocumentCodec<T> Get<T>(DocumentFormat format)
        where T : class =>
        All.OfType<DocumentCodec<T>>().FirstOrDefault(c => c.Format == format)
        ?? throw new ArgumentException($"No codec reads or writes {typeof(T).Name} documents as {format}; registered: {string.Join(", ", All)}.", nameof(format));

    /// <summary>
    /// The codec for an envelope's media type: <c>application/cap+xml</c> for CAP alerts (parameters such as charset
    /// ignored), <c>application/vnd.cityrisk+json; kind=K; v=1</c> for CityRisk JSON of kind K. Names and parameter
    /// names compare case-insensitively; parameter values may be quoted.
    /// </summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns>The codec, or null when the media type is not one a registered codec reads (another version included).</returns>
    public DocumentCodec? FindByMediaType(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var parsed = MediaTypeText.Parse(mediaType);
        if (parsed.Type.Equals(DocumentFormats.CapXmlContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Find(DocumentKinds.Alert, DocumentFormat.CapXml);
        }

        if (!parsed.Type.Equals(DocumentFormats.CityRiskJsonContentType, StringComparison.OrdinalIgnoreCase)
            || parsed.Parameter("kind") is not { } kind
            || parsed.Parameter("v") != DocumentKinds.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }

        return Find(kind, DocumentFormat.CityRiskJson);
    }

    /// <summary>Reads a document of any registered kind: detects its format and kind, then reads it with the codec for both.</summary>
    /// <param name="document">The document's bytes.</param>
    /// <param name="validate">Whether to validate it too.</param>
    /// <returns>The document as an object of its codec's type, and every problem.</returns>
    public ParsedDocument<object> Read(ReadOnlyMemory<byte> document, bool validate = true) => Read<object>(document, validate);

    /// <summary>Reads a document that must be of type <typeparamref name="T"/>: detects its format and kind, then reads it.</summary>
    /// <typeparam name="T">The contract type expected (<c>Alert</c>), or <see cref="object"/> for any.</typeparam>
    /// <param name="document">The document's bytes.</param>
    /// <param name="validate">Whether to validate it too.</param>
    /// <returns>
    /// The document and every problem: <c>DOC-EMPTY</c>, <c>DOC-FORMAT-UNKNOWN</c> (neither XML nor a JSON object),
    /// <c>JSON-KIND-UNSUPPORTED</c> (a kind with no codec here, or not <typeparamref name="T"/>), or the codec's own.
    /// </returns>
    public ParsedDocument<T> Read<T>(ReadOnlyMemory<byte> document, bool validate = true)
        where T : class
    {
        var format = DocumentFormats.Detect(document.Span);
        if (format == DocumentFormat.Unknown)
        {
            return Refused<T>(document, JsonWhitespace.IsBlank(ByteOrderMark.SkipUtf8(document.Span))
                ? Problem.Error(ProblemCodes.DocumentEmpty, string.Empty, "The document is empty.")
                : Problem.Error(ProblemCodes.DocumentFormatUnknown, string.Empty,
                    "The document is neither XML (CAP, starting with '<') nor a CityRisk JSON object (starting with '{')."));
        }

        Problem? refusal = null;
        var codec = format == DocumentFormat.CapXml ? Find(DocumentKinds.Alert, format) : FindJson<T>(document.Span, out refusal);
        if (codec is null)
        {
            return Refused<T>(document, format == DocumentFormat.CapXml
                ? Problem.Error(ProblemCodes.DocumentFormatUnknown, string.Empty, "No codec for CAP XML is registered.")
                : refusal!);
        }

        if (codec is not DocumentCodec<T> typed)
        {
            if (typeof(T) != typeof(object))
            {
                var wanted = All.FirstOrDefault(c => c.DocumentType == typeof(T))?.Kind ?? typeof(T).Name;
                return Refused<T>(document, Problem.Error(ProblemCodes.JsonKindUnsupported, "kind",
                    $"The document is of kind '{codec.Kind}'; here a document of kind '{wanted}' is expected."));
            }

            var any = codec.ReadObject(document, validate);
            return new ParsedDocument<T>(document, codec, new FormatResult<T>((T?)any.Value, any.Problems), validate);
        }

        return new ParsedDocument<T>(document, typed, typed.Read(document, validate), validate);
    }

    private DocumentCodec? FindJson<T>(ReadOnlySpan<byte> document, out Problem? refusal)
        where T : class
    {
        refusal = null;
        var expected = All.FirstOrDefault(c => c.Format == DocumentFormat.CityRiskJson && c.DocumentType == typeof(T));
        if (!CityRiskJson.TryReadHeader(document, out var kind, out _) || kind is null)
        {
            // Malformed or without a kind: the expected kind's codec (or any JSON codec) reports exactly what is wrong.
            return expected ?? All.FirstOrDefault(c => c.Format == DocumentFormat.CityRiskJson)
                ?? Refuse(out refusal, "No codec for CityRisk JSON is registered.");
        }

        if (Find(kind, DocumentFormat.CityRiskJson) is { } codec)
        {
            return codec;
        }

        var supported = string.Join(", ", All.Where(c => c.Format == DocumentFormat.CityRiskJson).Select(c => c.Kind));
        return Refuse(out refusal, DocumentKinds.All.Contains(kind)
            ? $"Kind '{kind}' is part of the standard but this implementation reads only: {supported}."
            : $"Unknown kind '{kind}'; the standard's kinds are: {string.Join(", ", DocumentKinds.All)}.");

        static DocumentCodec? Refuse(out Problem? refusal, string message)
        {
            refusal = Problem.Error(ProblemCodes.JsonKindUnsupported, "kind", message);
            return null;
        }
    }

    private static ParsedDocument<T> Refused<T>(ReadOnlyMemory<byte> document, Problem problem)
        where T : class =>
        new(document, null, new FormatResult<T>(null, [problem]), validated: false);
}
