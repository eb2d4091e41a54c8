using System.Globalization;
using System.Text;
using System.Xml;
using CityRisk.Problems;

namespace CityRisk.Alerts;

/// <summary>
/// Writes alerts as CAP 1.2 XML (UTF-8, no BOM) that validates against the OASIS CAP 1.2 schema. The CityRisk
/// extensions travel as <c>CityRisk:</c> parameters, so consumers that do not know CityRisk still read valid CAP.
/// </summary>
public static class CapAlertWriter
{
    /// <summary>The errors that stop a write even without validation: what the CAP XML could not carry faithfully.</summary>
    private static readonly HashSet<string> Unwritable =
    [
        ProblemCodes.CapPolygonHoles, ProblemCodes.CapDateTimeInvalid, ProblemCodes.CapEnumInvalid,
        ProblemCodes.CityRiskLevelUnknown, ProblemCodes.CityRiskDomainUnknown, ProblemCodes.XmlCharacterInvalid,
    ];

    /// <summary>Writes an alert as a CAP 1.2 document.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="options">Choices; <see cref="CapWriterOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>
    /// The document's bytes and any warnings; no bytes and every problem when the alert is invalid or says something
    /// CAP cannot express (a polygon with holes, a fraction of a second). An alert read from a signed document and
    /// left untouched is written as the original bytes, signature included; any other signed alert loses its
    /// signature with a <c>CAP-SIGNATURE-DROPPED</c> warning.
    /// </returns>
    public static FormatResult<byte[]> Write(Alert alert, CapWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        options ??= CapWriterOptions.Default;

        var problems = new ProblemCollector();
        AlertValidator.Validate(alert, CapVersion.Cap12, problems);
        if (!options.Validate)
        {
            problems = problems.Keep(static p => p.Severity != ProblemSeverity.Error || Unwritable.Contains(p.Code));
        }

        if (problems.HasErrors)
        {
            return new FormatResult<byte[]>(null, problems.Problems);
        }

        if (alert.Signature is { } signature)
        {
            if (signature.Describes(alert))
            {
                return new FormatResult<byte[]>(signature.SignedDocument.ToArray(), problems.Problems);
            }

            problems.Warning(ProblemCodes.CapSignatureDropped, string.Empty,
                "The alert was changed after it was read, so its XML signature no longer matches and was dropped.");
        }

        try
        {
            return new FormatResult<byte[]>(WriteDocument(alert, options), problems.Problems);
        }
        catch (ArgumentException ex)
        {
            // XmlWriter refuses characters XML cannot carry (control characters, lone surrogates).
            problems.Error(ProblemCodes.XmlCharacterInvalid, string.Empty, $"A text holds a character XML cannot carry: {ex.Message}");
            return new FormatResult<byte[]>(null, problems.Problems);
        }
    }

    private static byte[] WriteDocument(Alert alert, CapWriterOptions options)
    {
        using var stream = new MemoryStream(4096);
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = options.Indent,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("alert", CapNamespaces.Cap12);
            writer.WriteElementString("identifier", CapNamespaces.Cap12, alert.Identifier);
            writer.WriteElementString("sender", CapNamespaces.Cap12, alert.Sender);
            WriteDateTime(writer, "sent", alert.Sent);
            writer.WriteElementString("status", CapNamespaces.Cap12, CapEnums.Status.Text(alert.Status));
            writer.WriteElementString("msgType", CapNamespaces.Cap12, CapEnums.MessageType.Text(alert.MessageType));
            WriteOptional(writer, "source", alert.Source);
            writer.WriteElementString("scope", CapNamespaces.Cap12, CapEnums.Scope.Text(alert.Scope));
            WriteOptional(writer, "restriction", alert.Restriction);
            if (alert.Addresses is not null)
            {
                writer.WriteElementString("addresses", CapNamespaces.Cap12, CapText.JoinList(alert.Addresses));
            }

            foreach (var code in alert.Codes)
            {
                writer.WriteElementString("code", CapNamespaces.Cap12, code);
            }

            WriteOptional(writer, "note", alert.Note);
            if (alert.References is not null)
            {
                writer.WriteElementString("references", CapNamespaces.Cap12, string.Join(' ', alert.References));
            }

            if (alert.Incidents is not null)
            {
                writer.WriteElementString("incidents", CapNamespaces.Cap12, CapText.JoinList(alert.Incidents));
            }

            foreach (var info in alert.Info)
            {
                WriteInfo(writer, info);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void WriteInfo(XmlWriter writer, AlertInfo info)
    {
        writer.WriteStartElement("info", CapNamespaces.Cap12);
        WriteOptional(writer, "language", info.Language);
        foreach (var category in info.Categories)
        {
            writer.WriteElementString("category", CapNamespaces.Cap12, CapEnums.Category.Text(category));
        }

        writer.WriteElementString("event", CapNamespaces.Cap12, info.Event);
        foreach (var responseType in info.ResponseTypes)
        {
            writer.WriteElementString("responseType", CapNamespaces.Cap12, CapEnums.ResponseType.Text(responseType));
        }

        writer.WriteElementString("urgency", CapNamespaces.Cap12, CapEnums.Urgency.Text(info.Urgency));
        writer.WriteElementString("severity", CapNamespaces.Cap12, CapEnums.Severity.Text(info.Severity));
        writer.WriteElementString("certainty", CapNamespaces.Cap12, CapEnums.Certainty.Text(info.Certainty));
        WriteOptional(writer, "audience", info.Audience);
        foreach (var eventCode in info.EventCodes)
        {
            WriteNamedValue(writer, "eventCode", eventCode.ValueName, eventCode.Value);
        }

        WriteOptionalDateTime(writer, "effective", info.Effective);
        WriteOptionalDateTime(writer, "onset", info.Onset);
        WriteOptionalDateTime(writer, "expires", info.Expires);
        WriteOptional(writer, "senderName", info.SenderName);
        WriteOptional(writer, "headline", info.Headline);
        WriteOptional(writer, "description", info.Description);
        WriteOptional(writer, "instruction", info.Instruction);
        WriteOptional(writer, "web", info.Web);
        WriteOptional(writer, "contact", info.Contact);
        foreach (var parameter in info.Parameters)
        {
            WriteNamedValue(writer, "parameter", parameter.ValueName, parameter.Value);
        }

        if (info.Level is { } level)
        {
            WriteNamedValue(writer, "parameter", CityRiskParameters.Level, CapEnums.Level.Text(level));
        }

        if (info.Domain is { } domain)
        {
            WriteNamedValue(writer, "parameter", CityRiskParameters.Domain, CapEnums.Domain.Text(domain));
        }

        foreach (var hazard in info.Hazards)
        {
            WriteNamedValue(writer, "parameter", CityRiskParameters.Hazard, hazard);
        }

        foreach (var resource in info.Resources)
        {
            writer.WriteStartElement("resource", CapNamespaces.Cap12);
            writer.WriteElementString("resourceDesc", CapNamespaces.Cap12, resource.Description);
            writer.WriteElementString("mimeType", CapNamespaces.Cap12, resource.MimeType ?? string.Empty);
            if (resource.Size is { } size)
            {
                writer.WriteElementString("size", CapNamespaces.Cap12, size.ToString(CultureInfo.InvariantCulture));
            }

            WriteOptional(writer, "uri", resource.Uri);
            WriteOptional(writer, "derefUri", resource.DerefUri);
            WriteOptional(writer, "digest", resource.Digest);
            writer.WriteEndElement();
        }

        foreach (var area in info.Areas)
        {
            writer.WriteStartElement("area", CapNamespaces.Cap12);
            writer.WriteElementString("areaDesc", CapNamespaces.Cap12, area.Description);
            foreach (var polygon in area.Polygons)
            {
                writer.WriteElementString("polygon", CapNamespaces.Cap12, CapText.FormatPolygon(polygon.OuterRing));
            }

            foreach (var circle in area.Circles)
            {
                writer.WriteElementString("circle", CapNamespaces.Cap12, CapText.FormatCircle(circle));
            }

            foreach (var geocode in area.Geocodes)
            {
                WriteNamedValue(writer, "geocode", geocode.ValueName, geocode.Value);
            }

            if (area.Altitude is { } altitude)
            {
                writer.WriteElementString("altitude", CapNamespaces.Cap12, altitude.ToString(CultureInfo.InvariantCulture));
            }

            if (area.Ceiling is { } ceiling)
            {
                writer.WriteElementString("ceiling", CapNamespaces.Cap12, ceiling.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteNamedValue(XmlWriter writer, string element, string valueName, string value)
    {
        writer.WriteStartElement(element, CapNamespaces.Cap12);
        writer.WriteElementString("valueName", CapNamespaces.Cap12, valueName);
        writer.WriteElementString("value", CapNamespaces.Cap12, value);
        writer.WriteEndElement();
    }

    private static void WriteOptional(XmlWriter writer, string element, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(element, CapNamespaces.Cap12, value);
        }
    }

    private static void WriteOptionalDateTime(XmlWriter writer, string element, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            WriteDateTime(writer, element, v);
        }
    }

    private static void WriteDateTime(XmlWriter writer, string element, DateTimeOffset value)
    {
        writer.WriteStartElement(element, CapNamespaces.Cap12);
        Span<char> buffer = stackalloc char[25];
        CapDateTime.Format(value, buffer);
        writer.WriteRaw(buffer.ToString());
        writer.WriteEndElement();
    }
}
