using System.Text.RegularExpressions;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Alerts;

/// <summary>
/// Checks an <see cref="Alert"/> against every normative CAP 1.2 rule that its model can break, CAP's
/// recommendations (as warnings) and the CityRisk extension rules. Returns every problem; never throws on one.
/// </summary>
/// <remarks>
/// Paths use CAP element names (<c>info[0].area[1].polygon[0]</c>) whether the alert came from CAP XML or JSON.
/// Syntax that only XML can get wrong (element order, date-time text) is the reader's to report.
/// </remarks>
public static partial class AlertValidator
{
    // Polygons longer than this are not checked for self-intersection (quadratic), only for the normative rules.
    private const int MaxPointsForIntersectionCheck = 4000;

#if NET
    private static readonly System.Buffers.SearchValues<char> ForbiddenIdentifierCharacters = System.Buffers.SearchValues.Create(" ,<&\t\r\n");
#else
    private static readonly char[] ForbiddenIdentifierCharacters = [' ', ',', '<', '&', '\t', '\r', '\n'];
#endif

    /// <summary>Validates an alert by CAP 1.2's rules and the CityRisk rules.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>Every problem found, errors and warnings; empty when the alert is valid and follows every recommendation.</returns>
    public static IReadOnlyList<Problem> Validate(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var problems = new ProblemCollector();
        Validate(alert, CapVersion.Cap12, problems);
        return problems.Problems;
    }

    internal static void Validate(Alert alert, CapVersion version, ProblemCollector problems)
    {
        if (alert.Kind != DocumentKinds.Alert)
        {
            problems.Error(ProblemCodes.JsonKindUnsupported, "kind", $"An alert has kind 'alert', not '{alert.Kind}'.");
        }

        if (alert.Version != DocumentKinds.Version)
        {
            problems.Error(ProblemCodes.JsonVersionUnsupported, "v", $"This implementation reads version {DocumentKinds.Version} of CityRisk JSON, not {alert.Version}.");
        }

        CheckIdentifierText(alert.Identifier, "identifier", problems);
        CheckIdentifierText(alert.Sender, "sender", problems);
        CheckDateTime(alert.Sent, "sent", problems);
        CheckEnum(alert.Status, CapEnums.Status, "status", problems);
        CheckEnum(alert.MessageType, CapEnums.MessageType, "msgType", problems);
        CheckEnum(alert.Scope, CapEnums.Scope, "scope", problems);

        if (alert.Scope == AlertScope.Restricted && string.IsNullOrWhiteSpace(alert.Restriction))
        {
            problems.Error(ProblemCodes.CapRestrictionRequired, "restriction", "Scope Restricted requires a <restriction> saying who may receive the alert.");
        }

        if (alert.Scope == AlertScope.Private && (alert.Addresses is null || !alert.Addresses.Any(a => !string.IsNullOrWhiteSpace(a))))
        {
            problems.Error(ProblemCodes.CapAddressesRequired, "addresses", "Scope Private requires <addresses> naming the recipients.");
        }

        CheckTexts(alert.Codes, "code", problems);
        CheckReferences(alert, problems);

        if (alert.Info.Count == 0 && alert.Status == AlertStatus.Actual && alert.MessageType is AlertMessageType.Alert or AlertMessageType.Update)
        {
            problems.Warning(ProblemCodes.CapInfoMissing, "info", "An actual Alert or Update should carry at least one <info> block; recipients have nothing to act on.");
        }

        for (var i = 0; i < alert.Info.Count; i++)
        {
            if (alert.Info[i] is not { } info)
            {
                problems.Error(ProblemCodes.CapRequiredMissing, $"info[{i}]", "The info block is null.");
                continue;
            }

            ValidateInfo(info, $"info[{i}]", version, problems);
        }
    }

    private static void CheckReferences(Alert alert, ProblemCollector problems)
    {
        if (alert.References is null or { Count: 0 })
        {
            if (alert.References is not null)
            {
                // The OASIS schema allows an empty element and real feeds (Canada's NAAD) send one: it means "none".
                problems.Warning(ProblemCodes.CapReferencesEmpty, "references",
                    "<references> is empty and is read as absent; leave the element out when there is nothing to reference.");
            }

            if (alert.MessageType is AlertMessageType.Update or AlertMessageType.Cancel)
            {
                problems.Error(ProblemCodes.CapReferencesRequired, "references",
                    $"A{(alert.MessageType == AlertMessageType.Update ? "n Update" : " Cancel")} must name the messages it {(alert.MessageType == AlertMessageType.Update ? "supersedes" : "cancels")} in <references>.");
            }
            else if (alert.MessageType is AlertMessageType.Ack or AlertMessageType.Error)
            {
                problems.Warning(ProblemCodes.CapReferencesRequired, "references",
                    $"An {alert.MessageType} should name the messages it answers in <references>.");
            }

            return;
        }

        for (var i = 0; i < alert.References.Count; i++)
        {
            var path = $"references[{i}]";
            if (alert.References[i] is not { } reference)
            {
                problems.Error(ProblemCodes.CapReferenceSyntax, path, "The reference is null.");
                continue;
            }

            if (reference.Sender.Length == 0 || reference.Identifier.Length == 0 || HasForbiddenIdentifierCharacter(reference.Sender)
                || HasForbiddenIdentifierCharacter(reference.Identifier))
            {
                problems.Error(ProblemCodes.CapReferenceSyntax, path,
                    "A reference needs a sender and an identifier without spaces, commas, '<' or '&'.");
            }

            CheckDateTime(reference.Sent, path, problems);
            // An alert whose own sent did not parse already has its error; comparing with the default would add a false one.
            if (reference.Sender == alert.Sender && reference.Identifier == alert.Identifier)
            {
                problems.Error(ProblemCodes.CapReferenceSelf, path, "The alert references itself; references name earlier messages.");
            }
            else if (alert.Sent != default && reference.Sent > alert.Sent)
            {
                problems.Error(ProblemCodes.CapReferenceLater, path,
                    $"The referenced message was sent at {CapDateTime.Format(reference.Sent)}, after this alert ({CapDateTime.Format(alert.Sent)}); references name earlier messages.");
            }
        }
    }

    private static void ValidateInfo(AlertInfo info, string path, CapVersion version, ProblemCollector problems)
    {
        if (info.Language is not null && !LanguageTag().IsMatch(info.Language))
        {
            problems.Error(ProblemCodes.CapLanguageInvalid, new ElementPath(path, "language"), $"'{info.Language}' is not an RFC 3066 language tag such as zh-CN, zh-Hant, pt or en-US.");
        }

        if (info.Categories.Count == 0 && version != CapVersion.Cap10)
        {
            problems.Error(ProblemCodes.CapRequiredMissing, new ElementPath(path, "category"), "At least one <category> is required.");
        }

        for (var i = 0; i < info.Categories.Count; i++)
        {
            CheckEnum(info.Categories[i], CapEnums.Category, new ElementPath(path, "category", i), problems);
        }

        CheckRequiredText(info.Event, new ElementPath(path, "event"), problems);
        for (var i = 0; i < info.ResponseTypes.Count; i++)
        {
            CheckEnum(info.ResponseTypes[i], CapEnums.ResponseType, new ElementPath(path, "responseType", i), problems);
        }

        CheckEnum(info.Urgency, CapEnums.Urgency, new ElementPath(path, "urgency"), problems);
        CheckEnum(info.Severity, CapEnums.Severity, new ElementPath(path, "severity"), problems);
        CheckEnum(info.Certainty, CapEnums.Certainty, new ElementPath(path, "certainty"), problems);
        CheckNamedValues(info.EventCodes, new ElementPath(path, "eventCode"), problems);

        CheckDateTime(info.Effective, new ElementPath(path, "effective"), problems);
        CheckDateTime(info.Onset, new ElementPath(path, "onset"), problems);
        CheckDateTime(info.Expires, new ElementPath(path, "expires"), problems);
        if (info.Expires is { } expires)
        {
            if (info.Effective is { } effective && expires < effective)
            {
                problems.Warning(ProblemCodes.CapExpiresBeforeEffective, new ElementPath(path, "expires"), "The information expires before it becomes effective.");
            }
            else if (info.Onset is { } onset && expires < onset)
            {
                problems.Warning(ProblemCodes.CapExpiresBeforeEffective, new ElementPath(path, "expires"), "The information expires before the event's onset.");
            }
        }

        if (info.Headline is { Length: >= 160 })
        {
            problems.Warning(ProblemCodes.CapHeadlineLong, new ElementPath(path, "headline"),
                $"The headline has {info.Headline.Length} characters; CAP recommends fewer than 160 so it fits text messages and displays.");
        }

        if (info.Web is not null && !IsAbsoluteUri(info.Web))
        {
            problems.Error(ProblemCodes.CapUriInvalid, new ElementPath(path, "web"), $"'{info.Web}' is not a full absolute URI.");
        }

        CheckNamedValues(info.Parameters, new ElementPath(path, "parameter"), problems);
        CheckCityRiskExtensions(info, path, problems);

        for (var i = 0; i < info.Resources.Count; i++)
        {
            ValidateResource(info.Resources[i], new ElementPath(path, "resource", i), version, problems);
        }

        for (var i = 0; i < info.Areas.Count; i++)
        {
            ValidateArea(info.Areas[i], new ElementPath(path, "area", i), problems);
        }
    }

    private static void CheckCityRiskExtensions(AlertInfo info, string path, ProblemCollector problems)
    {
        if (info.Level is { } level && !CapEnums.Level.IsDefined(level))
        {
            problems.Error(ProblemCodes.CityRiskLevelUnknown, new ElementPath(path, "level"), $"{(int)level} is not a warning level; expected one of: {CapEnums.Level.Describe()}.");
        }

        if (info.Domain is { } domain && !CapEnums.Domain.IsDefined(domain))
        {
            problems.Error(ProblemCodes.CityRiskDomainUnknown, new ElementPath(path, "domain"), $"{(int)domain} is not a risk domain; expected one of: {CapEnums.Domain.Describe()}.");
        }

        for (var i = 0; i < info.Hazards.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(info.Hazards[i]) || info.Hazards[i].Trim() != info.Hazards[i])
            {
                problems.Error(ProblemCodes.CityRiskHazardInvalid, new ElementPath(path, "hazard", i), "A hazard id must be non-empty, without leading or trailing whitespace.");
            }
        }

        bool levelSeen = info.Level is not null, domainSeen = info.Domain is not null;
        for (var i = 0; i < info.Parameters.Count; i++)
        {
            var parameter = info.Parameters[i];
            if (parameter is null || !parameter.ValueName.StartsWith(CityRiskParameters.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var at = new ElementPath(path, "parameter", i);
            switch (parameter.ValueName)
            {
                case CityRiskParameters.Level:
                    CheckVocabulary(parameter, CapEnums.Level, ref levelSeen, ProblemCodes.CityRiskLevelUnknown, at, problems);
                    break;
                case CityRiskParameters.Domain:
                    CheckVocabulary(parameter, CapEnums.Domain, ref domainSeen, ProblemCodes.CityRiskDomainUnknown, at, problems);
                    break;
                case CityRiskParameters.Observation:
                    break;
                case CityRiskParameters.Hazard:
                    problems.Error(ProblemCodes.CityRiskHazardInvalid, at, "A CityRisk:hazard value must be a non-empty hazard id without leading or trailing whitespace.");
                    break;
                default:
                    problems.Warning(ProblemCodes.CityRiskParameterUnknown, at,
                        $"'{parameter.ValueName}' is not a CityRisk parameter; CityRisk defines {CityRiskParameters.Level}, {CityRiskParameters.Domain}, {CityRiskParameters.Hazard} and {CityRiskParameters.Observation}.");
                    break;
            }
        }
    }

    private static void CheckVocabulary<T>(NamedValue parameter, CapEnum<T> vocabulary, ref bool seen, string unknownCode, ElementPath path, ProblemCollector problems)
        where T : struct, Enum
    {
        if (!vocabulary.TryGetValue(parameter.Value, out _))
        {
            problems.Error(unknownCode, path, $"'{parameter.Value}' is not a {parameter.ValueName} value; expected one of: {vocabulary.Describe()}.");
        }
        else if (seen)
        {
            problems.Error(ProblemCodes.CityRiskParameterDuplicate, path, $"{parameter.ValueName} appears more than once in this info block.");
        }

        seen = true;
    }

    private static void ValidateResource(AlertResource? resource, string path, CapVersion version, ProblemCollector problems)
    {
        if (resource is null)
        {
            problems.Error(ProblemCodes.CapRequiredMissing, path, "The resource is null.");
            return;
        }

        CheckRequiredText(resource.Description, new ElementPath(path, "resourceDesc"), problems);
        if (resource.MimeType is null || resource.MimeType.Length == 0)
        {
            if (version == CapVersion.Cap12)
            {
                problems.Error(ProblemCodes.CapRequiredMissing, new ElementPath(path, "mimeType"), "CAP 1.2 requires the resource's <mimeType>.");
            }
        }
        else if (!MimeType().IsMatch(resource.MimeType))
        {
            problems.Error(ProblemCodes.CapMimeTypeInvalid, new ElementPath(path, "mimeType"), $"'{resource.MimeType}' is not an RFC 2046 MIME type such as image/png.");
        }

        if (resource.Size is < 0)
        {
            problems.Error(ProblemCodes.CapSizeInvalid, new ElementPath(path, "size"), "The size in bytes cannot be negative.");
        }

        if (resource.Uri is not null && resource.DerefUri is null && !IsAbsoluteUri(resource.Uri))
        {
            problems.Error(ProblemCodes.CapUriInvalid, new ElementPath(path, "uri"), $"'{resource.Uri}' is not a full absolute URI (a relative one needs <derefUri>).");
        }

        if (resource.DerefUri is not null && !IsBase64(resource.DerefUri))
        {
            problems.Error(ProblemCodes.CapDerefUriInvalid, new ElementPath(path, "derefUri"), "The content is not Base64.");
        }

        if (resource.Digest is not null && !Sha1Hex().IsMatch(resource.Digest))
        {
            problems.Warning(ProblemCodes.CapDigestInvalid, new ElementPath(path, "digest"), "CAP's digest is a SHA-1 hash written as 40 hexadecimal digits.");
        }
    }

    private static void ValidateArea(Area? area, string path, ProblemCollector problems)
    {
        if (area is null)
        {
            problems.Error(ProblemCodes.CapRequiredMissing, path, "The area is null.");
            return;
        }

        CheckRequiredText(area.Description, new ElementPath(path, "areaDesc"), problems);
        for (var i = 0; i < area.Polygons.Count; i++)
        {
            ValidatePolygon(area.Polygons[i], new ElementPath(path, "polygon", i), problems);
        }

        for (var i = 0; i < area.Circles.Count; i++)
        {
            var at = new ElementPath(path, "circle", i);
            if (area.Circles[i] is not { } circle)
            {
                problems.Error(ProblemCodes.CapCircleSyntax, at, "The circle is null.");
                continue;
            }

            if (!circle.Center.IsInRange)
            {
                problems.Error(ProblemCodes.CapCoordinateRange, at, $"The centre {Describe(circle.Center)} is out of range: latitude -90 to 90, longitude -180 to 180.");
            }

            if (!double.IsFinite(circle.RadiusKm) || circle.RadiusKm < 0)
            {
                problems.Error(ProblemCodes.CapCircleRadius, at, $"The radius {circle.RadiusKm} km must be zero or more.");
            }
        }

        CheckNamedValues(area.Geocodes, new ElementPath(path, "geocode"), problems);
        for (var i = 0; i < area.Geocodes.Count; i++)
        {
            if (area.Geocodes[i] is { ValueName: Jurisdiction.GeocodeValueName } geocode && !Jurisdiction.TryParse(geocode.Value, out _))
            {
                problems.Error(ProblemCodes.CityRiskGeocodeInvalid, new ElementPath(path, "geocode", i),
                    $"'{geocode.Value}' is not a GB/T 2260 administrative division code: six digits with a province-level prefix, such as 440600 (Foshan) or 820000 (Macau).");
            }
        }

        if (area.Ceiling is { } ceiling)
        {
            if (area.Altitude is not { } altitude)
            {
                problems.Error(ProblemCodes.CapCeilingWithoutAltitude, new ElementPath(path, "ceiling"), "A <ceiling> is only allowed together with an <altitude>.");
            }
            else if (ceiling < altitude)
            {
                problems.Error(ProblemCodes.CapCeilingBelowAltitude, new ElementPath(path, "ceiling"), $"The ceiling {ceiling} is below the altitude {altitude}.");
            }
        }
    }

    private static void ValidatePolygon(GeoPolygon? polygon, ElementPath path, ProblemCollector problems)
    {
        if (polygon is null || polygon.Rings.Count == 0)
        {
            problems.Error(ProblemCodes.CapPolygonTooFewPoints, path, "The polygon has no points; CAP needs at least four, the first and last the same.");
            return;
        }

        if (polygon.Rings.Count > 1)
        {
            problems.Error(ProblemCodes.CapPolygonHoles, path,
                $"The polygon has {polygon.Rings.Count - 1} hole(s); a CAP polygon is a single ring, so it cannot be expressed in CAP. Split the area into polygons without holes.");
        }

        var ring = polygon.Rings[0] ?? [];
        if (ring.Count < 4)
        {
            problems.Error(ProblemCodes.CapPolygonTooFewPoints, path, $"The polygon has {ring.Count} point(s); CAP needs at least four, the first and last the same.");
        }

        for (var i = 0; i < ring.Count; i++)
        {
            if (!ring[i].IsInRange)
            {
                problems.Error(ProblemCodes.CapCoordinateRange, path,
                    $"Point {i} {Describe(ring[i])} is out of range: latitude -90 to 90, longitude -180 to 180.");
                return;
            }
        }

        if (ring.Count > 0 && ring[0] != ring[^1])
        {
            problems.Error(ProblemCodes.CapPolygonNotClosed, path,
                $"The polygon is not closed: the first point {Describe(ring[0])} and the last {Describe(ring[^1])} must be the same.");
            return;
        }

        if (ring.Count >= 4 && ring.Count <= MaxPointsForIntersectionCheck && FindCrossing(ring) is { } crossing)
        {
            problems.Warning(ProblemCodes.CapPolygonSelfIntersecting, path,
                $"Edges {crossing.First} and {crossing.Second} of the polygon cross; many consumers mis-draw or reject self-intersecting polygons.");
        }
    }

    /// <summary>Finds two non-adjacent edges of a closed ring that touch or cross.</summary>
    private static (int First, int Second)? FindCrossing(IReadOnlyList<GeoPoint> ring)
    {
        var edges = ring.Count - 1;
        for (var i = 0; i < edges; i++)
        {
            for (var j = i + 2; j < edges; j++)
            {
                if (i == 0 && j == edges - 1)
                {
                    continue; // the first and last edges share the closing point
                }

                if (SegmentsIntersect(ring[i], ring[i + 1], ring[j], ring[j + 1]))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    private static bool SegmentsIntersect(GeoPoint a, GeoPoint b, GeoPoint c, GeoPoint d)
    {
        var d1 = Cross(c, d, a);
        var d2 = Cross(c, d, b);
        var d3 = Cross(a, b, c);
        var d4 = Cross(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(c, d, a)) || (d2 == 0 && OnSegment(c, d, b))
            || (d3 == 0 && OnSegment(a, b, c)) || (d4 == 0 && OnSegment(a, b, d));
    }

    private static double Cross(GeoPoint origin, GeoPoint to, GeoPoint point) =>
        ((to.Longitude - origin.Longitude) * (point.Latitude - origin.Latitude)) - ((to.Latitude - origin.Latitude) * (point.Longitude - origin.Longitude));

    private static bool OnSegment(GeoPoint a, GeoPoint b, GeoPoint p) =>
        p.Longitude >= Math.Min(a.Longitude, b.Longitude) && p.Longitude <= Math.Max(a.Longitude, b.Longitude)
        && p.Latitude >= Math.Min(a.Latitude, b.Latitude) && p.Latitude <= Math.Max(a.Latitude, b.Latitude);

    private static void CheckIdentifierText(string? value, ElementPath path, ProblemCollector problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Error(ProblemCodes.CapRequiredMissing, path, $"<{path}> is required and is empty.");
        }
        else if (HasForbiddenIdentifierCharacter(value!))
        {
            problems.Error(ProblemCodes.CapIdentifierCharacters, path, $"'{value}' contains a space, a comma, '<' or '&', which CAP forbids in <{path}>.");
        }
    }

    private static bool HasForbiddenIdentifierCharacter(string value) => value.AsSpan().IndexOfAny(ForbiddenIdentifierCharacters) >= 0;

    private static void CheckRequiredText(string? value, ElementPath path, ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            string text = path;
            problems.Error(ProblemCodes.CapRequiredMissing, text, $"<{text[(text.LastIndexOf('.') + 1)..]}> is required and is empty.");
        }
    }

    private static void CheckTexts(IReadOnlyList<string> values, ElementPath path, ProblemCollector problems)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                problems.Error(ProblemCodes.CapRequiredMissing, $"{path}[{i}]", "The value is null.");
            }
        }
    }

    private static void CheckNamedValues(IReadOnlyList<NamedValue> values, ElementPath path, ProblemCollector problems)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { ValueName: not null, Value: not null })
            {
                problems.Error(ProblemCodes.CapRequiredMissing, $"{path}[{i}]", "A valueName and a value are required.");
            }
        }
    }

    private static void CheckEnum<T>(T value, CapEnum<T> values, ElementPath path, ProblemCollector problems)
        where T : struct, Enum
    {
        if (!values.IsDefined(value))
        {
            problems.Error(ProblemCodes.CapEnumInvalid, path, $"{value} is not a CAP {values.Element} value; expected one of: {values.Describe()}.");
        }
    }

    private static void CheckDateTime(DateTimeOffset? value, ElementPath path, ProblemCollector problems)
    {
        if (value is { } v && !CapDateTime.IsRepresentable(v))
        {
            problems.Error(ProblemCodes.CapDateTimeInvalid, path,
                $"{v:O} has a fraction of a second (or an offset with seconds); CAP date-times have whole seconds, so it cannot be written as CAP.");
        }
    }

    // Uri.TryCreate alone takes "/path" for an absolute file URI on Unix; CAP means a URI with a scheme.
    private static bool IsAbsoluteUri(string value) => UriScheme().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _);

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    private static string Describe(GeoPoint point) => FormattableString.Invariant($"(lat {point.Latitude}, lon {point.Longitude})");

    // xs:language / RFC 3066: a primary tag of 1-8 letters and subtags of 1-8 letters or digits.
    private const string LanguageTagPattern = "^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$";

    // RFC 2046 type/subtype with optional parameters.
    private const string MimeTypePattern = @"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;.*)?$";

    private const string UriSchemePattern = "^[A-Za-z][A-Za-z0-9+.-]*:";

    private const string Sha1HexPattern = "^[0-9A-Fa-f]{40}$";

#if NET7_0_OR_GREATER
    [GeneratedRegex(LanguageTagPattern, RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    [GeneratedRegex(MimeTypePattern, RegexOptions.CultureInvariant)]
    private static partial Regex MimeType();

    [GeneratedRegex(UriSchemePattern, RegexOptions.CultureInvariant)]
    private static partial Regex UriScheme();

    [GeneratedRegex(Sha1HexPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Sha1Hex();
#else
    // No regex source generator before .NET 7: compiled once, at first use.
    private static readonly Regex LanguageTagRegex = new(LanguageTagPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex MimeTypeRegex = new(MimeTypePattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex UriSchemeRegex = new(UriSchemePattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex Sha1HexRegex = new(Sha1HexPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static Regex LanguageTag() => LanguageTagRegex;

    private static Regex MimeType() => MimeTypeRegex;

    private static Regex UriScheme() => UriSchemeRegex;

    private static Regex Sha1Hex() => Sha1HexRegex;
#endif
}
