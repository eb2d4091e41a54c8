using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;
using CityRisk.Protocol.V1;

namespace CityRisk.Protocol;

/// <summary>An envelope's payload as an alert: the content type decides the reader (PROTOCOL.md, "Envelope and payload").</summary>
public static class AlertPayload
{
    /// <summary>CAP XML, or CityRisk JSON of kind alert and version 1; anything else is unknown.</summary>
    /// <param name="contentType">The envelope's content type.</param>
    /// <returns>The format, or <see cref="DocumentFormat.Unknown"/>.</returns>
    public static DocumentFormat ParseContentType(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return DocumentFormat.Unknown;
        }

        if (parts[0].Equals(DocumentFormats.CapXmlContentType, StringComparison.OrdinalIgnoreCase))
        {
            return DocumentFormat.CapXml;
        }

        if (!parts[0].Equals("application/vnd.cityrisk+json", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentFormat.Unknown;
        }

        var parameters = parts.Skip(1).Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].ToLowerInvariant(), p => p[1].Trim('"'), StringComparer.Ordinal);
        return parameters.GetValueOrDefault("kind") == DocumentKinds.Alert && parameters.GetValueOrDefault("v") == "1"
            ? DocumentFormat.CityRiskJson
            : DocumentFormat.Unknown;
    }

    /// <summary>The content type of a format.</summary>
    /// <param name="format">CAP XML or CityRisk JSON.</param>
    /// <returns>The media type an envelope carries.</returns>
    public static string ContentTypeOf(DocumentFormat format) =>
        format == DocumentFormat.CapXml ? DocumentFormats.CapXmlContentType : CityRiskJson.ContentType(DocumentKinds.Alert);

    private static readonly CapReaderOptions CapWithoutValidation = new() { Validate = false };
    private static readonly CityRiskJsonReaderOptions JsonWithoutValidation = new() { Validate = false };

    /// <summary>
    /// Reads a payload in a known format; null for an unknown format. It is validated unless <paramref name="validate"/>
    /// is false: a client reading what a hub already validated only needs the alert (structure is still checked).
    /// </summary>
    /// <param name="format">The payload's format.</param>
    /// <param name="payload">The payload bytes.</param>
    /// <param name="validate">Whether to validate the alert too.</param>
    /// <returns>The alert and its problems, or null for an unknown format.</returns>
    public static FormatResult<Alert>? Read(DocumentFormat format, ReadOnlyMemory<byte> payload, bool validate = true) => format switch
    {
        DocumentFormat.CapXml => CapAlertReader.Read(payload, validate ? null : CapWithoutValidation),
        DocumentFormat.CityRiskJson => CityRiskJson.ReadAlert(payload, validate ? null : JsonWithoutValidation),
        _ => null,
    };

    /// <summary>Reads and validates an envelope's payload.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The alert and its problems, or null for an unknown content type.</returns>
    public static FormatResult<Alert>? Read(Envelope envelope) => envelope is null ? throw new ArgumentNullException(nameof(envelope)) : Read(ParseContentType(envelope.ContentType), envelope.Payload.Memory);
}
