using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CityRisk.Alerts;
using CityRisk.Problems;

namespace CityRisk.Json;

/// <summary>
/// Reads and writes CityRisk JSON documents: <c>kind</c> and <c>v</c> at the top, camelCase names, enums as
/// strings, date-times with their original offset, GeoJSON coordinate order.
/// </summary>
public static class CityRiskJson
{
    private static readonly JsonSerializerOptions Compact = CreateOptions(indented: false);

    private static readonly JsonSerializerOptions Indented = CreateOptions(indented: true);
    private static readonly JsonTypeInfo<Alert> CompactAlert = (JsonTypeInfo<Alert>)Compact.GetTypeInfo(typeof(Alert));
    private static readonly JsonTypeInfo<Alert> IndentedAlert = (JsonTypeInfo<Alert>)Indented.GetTypeInfo(typeof(Alert));

    /// <summary>The media type of CityRisk JSON documents of a kind: <c>application/vnd.cityrisk+json; kind=alert; v=1</c>.</summary>
    /// <param name="kind">The document kind, one of <see cref="DocumentKinds"/>.</param>
    /// <returns>The media type with its parameters.</returns>
    public static string ContentType(string kind) => $"application/vnd.cityrisk+json; kind={kind}; v={DocumentKinds.Version}";

    /// <summary>
    /// Reads the <c>kind</c> and <c>v</c> of a CityRisk JSON document without reading the rest, so a caller can
    /// dispatch on them. Stops as soon as both are found.
    /// </summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="kind">The kind, or <see langword="null"/> when absent or not a string.</param>
    /// <param name="version">The version, or <see langword="null"/> when absent or not an integer.</param>
    /// <returns><see langword="false"/> when the document is not a well-formed JSON object up to the point read.</returns>
    public static bool TryReadHeader(ReadOnlySpan<byte> utf8Json, out string? kind, out int? version)
    {
        kind = null;
        version = null;
        try
        {
            var reader = new Utf8JsonReader(ByteOrderMark.SkipUtf8(utf8Json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool kindSeen = false, versionSeen = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("kind"u8))
                {
                    reader.Read();
                    kind = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    kindSeen = true;
                }
                else if (reader.ValueTextEquals("v"u8))
                {
                    reader.Read();
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;
                    versionSeen = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }

                if (kindSeen && versionSeen)
                {
                    return true;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not well-formed, or a kind that is not valid UTF-8: either way no header to dispatch on.
            return false;
        }
    }

    /// <summary>Reads a CityRisk JSON alert and, unless told not to, validates it.</summary>
    /// <param name="utf8Json">The document, UTF-8 encoded (a BOM is allowed).</param>
    /// <param name="options">Limits and choices; <see cref="CityRiskJsonReaderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The alert and every problem; no alert when the JSON does not fit the contract.</returns>
    public static FormatResult<Alert> ReadAlert(ReadOnlyMemory<byte> utf8Json, CityRiskJsonReaderOptions? options = null)
    {
        options ??= CityRiskJsonReaderOptions.Default;
        options.ThrowIfInvalid();
        var problems = new ProblemCollector();
        var bytes = ByteOrderMark.SkipUtf8(utf8Json.Span);
        if (IsEmptyOrTooLarge(bytes, options, problems))
        {
            return new(null, problems.Problems);
        }

        if (TryReadHeader(bytes, out var kind, out var version) && !CheckHeader(kind, version, DocumentKinds.Alert, problems))
        {
            return new(null, problems.Problems);
        }

        var alert = StrictJsonReader.ReadAlert(bytes, problems);
        if (alert is null)
        {
            return new(null, problems.Problems);
        }

        if (options.Validate)
        {
            AlertValidator.Validate(alert, CapVersion.Cap12, problems);
        }

        return new(alert, problems.Problems);
    }

    /// <summary>Reads a CityRisk JSON alert from a stream, reading no more than the size limit plus one byte.</summary>
    /// <param name="stream">The stream to read to its end.</param>
    /// <param name="options">Limits and choices; <see cref="CityRiskJsonReaderOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The alert and every problem.</returns>
    public static async Task<FormatResult<Alert>> ReadAlertAsync(Stream stream, CityRiskJsonReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CityRiskJsonReaderOptions.Default;
        options.ThrowIfInvalid();
        var bytes = await BoundedStream.ReadAsync(stream, options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        return ReadAlert(bytes, options);
    }

    /// <summary>Writes an alert as a CityRisk JSON document. The XML signature of an alert read from CAP is never written.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="indented">Whether to indent for people to read.</param>
    /// <returns>The document, UTF-8 encoded without a BOM.</returns>
    public static byte[] Write(Alert alert, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return JsonSerializer.SerializeToUtf8Bytes(alert, indented ? IndentedAlert : CompactAlert);
    }

    /// <summary>Writes an alert as a CityRisk JSON document to a writer the caller owns.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="alert">The alert.</param>
    public static void Write(Utf8JsonWriter writer, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(alert);
        JsonSerializer.Serialize(writer, alert, CompactAlert);
    }

    /// <summary>The bytes of a document when its problems allow writing it; none, with the problems, when they have an error.</summary>
    internal static FormatResult<byte[]> WriteUnlessInvalid<T>(T document, IReadOnlyList<Problem> problems, Func<T, byte[]> write) =>
        problems.HasErrors() ? new FormatResult<byte[]>(null, problems) : new FormatResult<byte[]>(write(document), problems);

    /// <summary>A contract other than the alert (hazard, observation ...) as compact CityRisk JSON.</summary>
    internal static byte[] WriteContract<T>(T document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, (JsonTypeInfo<T>)Compact.GetTypeInfo(typeof(T)));

    /// <summary>DOC-EMPTY or DOC-TOO-LARGE, what every CityRisk JSON reader checks before it reads anything.</summary>
    internal static bool IsEmptyOrTooLarge(ReadOnlySpan<byte> bytes, CityRiskJsonReaderOptions options, ProblemCollector problems)
    {
        if (JsonWhitespace.IsBlank(bytes))
        {
            problems.Error(ProblemCodes.DocumentEmpty, string.Empty, "The document is empty.");
            return true;
        }

        if (bytes.Length > options.MaxDocumentBytes)
        {
            problems.Error(ProblemCodes.DocumentTooLarge, string.Empty, $"The document is larger than the limit of {options.MaxDocumentBytes} bytes.");
            return true;
        }

        return false;
    }

    /// <summary>A JSON-MALFORMED message from the tokenizer's exception: what it found, with line and byte, without its .NET suffix.</summary>
    internal static string MalformedMessage(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        return $"{ex.Message.Split(" LineNumber:")[0].TrimEnd()}{where}";
    }

    /// <summary>A JSON-MALFORMED message for a string whose text is not valid UTF-8.</summary>
    internal static string NotUtf8Message(InvalidOperationException ex) => $"A string is not valid UTF-8 text: {ex.Message}";

    internal static bool CheckHeader(string? kind, int? version, string expectedKind, ProblemCollector problems)
    {
        if (kind != expectedKind)
        {
            problems.Error(ProblemCodes.JsonKindUnsupported, "kind", kind is null
                ? $"The document has no \"kind\"; every CityRisk JSON document starts with \"kind\" and \"v\" (expected \"{expectedKind}\")."
                : DocumentKinds.All.Contains(kind)
                    ? $"Kind '{kind}' is part of the standard but this reader expects '{expectedKind}'."
                    : $"Unknown kind '{kind}'; the standard's kinds are: {string.Join(", ", DocumentKinds.All)}.");
            return false;
        }

        if (version != DocumentKinds.Version)
        {
            problems.Error(ProblemCodes.JsonVersionUnsupported, "v", version is null
                ? $"The document has no integer \"v\"; this implementation reads version {DocumentKinds.Version}."
                : $"Version {version} is not supported; this implementation reads version {DocumentKinds.Version}.");
            return false;
        }

        return true;
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions(CityRiskJsonContext.Default.Options)
        {
            WriteIndented = indented,
            // Chinese and Portuguese text and offsets such as +08:00 stay readable instead of \u-escaped. Quotes, backslashes
            // and control characters are still escaped; documents are data, not HTML, so '<' and '+' need no escaping.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = CityRiskJsonContext.Default.WithAddedModifier(OmitEmptyCollections),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Leaves out empty repeated members (<c>"codes": []</c>) to keep documents short. Nullable collections are
    /// written even when empty, because there an empty list (a CAP element present but empty) differs from none.
    /// </summary>
    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && !property.IsGetNullable)
            {
                property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
            }
        }
    }
}
