using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Xml;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Alerts;

/// <summary>
/// One pass over one CAP document with <see cref="XmlReader"/>: structure (order, cardinality, required elements)
/// and syntax (enumerations, date-times, numbers, coordinates) per the document's CAP version. Semantic rules are
/// <see cref="AlertValidator"/>'s, run on the result.
/// </summary>
internal sealed class CapAlertParser
{
    // The CAP sequences, in schema order. An element's position is its index; repeatable ones are marked.
    private static readonly ElementSequence AlertElements = new(
        ["identifier", "sender", "sent", "status", "msgType", "password", "source", "scope", "restriction", "addresses",
         "code", "note", "references", "incidents", "info"],
        repeatable: ["code", "info"]);

    private static readonly ElementSequence InfoElements = new(
        ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode",
         "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact",
         "parameter", "resource", "area"],
        repeatable: ["category", "responseType", "eventCode", "parameter", "resource", "area"]);

    private static readonly ElementSequence ResourceElements = new(
        ["resourceDesc", "mimeType", "size", "uri", "derefUri", "digest"], repeatable: []);

    private static readonly ElementSequence AreaElements = new(
        ["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"], repeatable: ["polygon", "circle", "geocode"]);

    private static readonly ElementSequence ValuePairElements = new(["valueName", "value"], repeatable: []);

    private readonly ReadOnlyMemory<byte> _document;
    private readonly CapReaderOptions _options;
    private readonly ProblemCollector _problems = new();
    private XmlReader _reader = null!;
    private CapVersion _version;
    private string _namespace = string.Empty;
    private int _signatureCount;

    public CapAlertParser(ReadOnlyMemory<byte> document, CapReaderOptions options)
    {
        _document = document;
        _options = options;
    }

    public FormatResult<Alert> Parse()
    {
        if (_document.Length == 0 || IsBlank(_document.Span))
        {
            _problems.Error(ProblemCodes.DocumentEmpty, string.Empty, "The document is empty.");
            return Result(null);
        }

        if (_document.Length > _options.MaxDocumentBytes)
        {
            _problems.Error(ProblemCodes.DocumentTooLarge, string.Empty,
                $"The document is larger than the limit of {_options.MaxDocumentBytes} bytes.");
            return Result(null);
        }

        Alert? alert;
        try
        {
            using var stream = AsStream(_document);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = _options.MaxDocumentBytes,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = false,
            });
            _reader = reader;
            alert = ParseDocument();
        }
        catch (XmlException ex) when (ContainsDoctype(_document.Span))
        {
            _ = ex;
            _problems.Error(ProblemCodes.XmlDtdProhibited, string.Empty,
                "The document has a document type declaration (DTD). DTDs and entities are refused, and nothing they reference was resolved.");
            return Result(null);
        }
        catch (XmlException ex)
        {
            _problems.Error(ProblemCodes.XmlMalformed, string.Empty,
                $"The XML is not well formed at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}");
            return Result(null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException && ThrownByXmlReader(ex))
        {
            // System.Xml's reader fails this way, instead of with an XmlException, on some ill-formed input: bytes in
            // the XML declaration that do not fit the encoding it switches to throw ArgumentOutOfRangeException (found
            // by fuzzing; .NET 10). Still ill-formed XML, not a crash.
            _problems.Error(ProblemCodes.XmlMalformed, string.Empty,
                $"The XML is not well formed: the XML reader failed on it without saying where ({ex.GetType().Name}: {ex.Message}). Bytes that do not fit the declared encoding are the known cause.");
            return Result(null);
        }
        catch (ReadAbortedException)
        {
            return Result(null);
        }

        if (alert is null)
        {
            return Result(null);
        }

        if (_options.Validate)
        {
            var semantic = new ProblemCollector();
            AlertValidator.Validate(alert, _version, semantic);
            foreach (var problem in semantic.Problems)
            {
                // A value the reader already found wrong (missing, malformed) is reported once, by the reader.
                if (problem.Severity == ProblemSeverity.Warning || !_problems.HasErrorAt(problem.Path))
                {
                    _problems.Add(problem);
                }
            }
        }

        return Result(alert);
    }

    private FormatResult<Alert> Result(Alert? alert) => new(alert, _problems.Problems);

    private Alert? ParseDocument()
    {
        _reader.MoveToContent();
        if (_reader.NodeType != XmlNodeType.Element)
        {
            _problems.Error(ProblemCodes.XmlMalformed, string.Empty, "The document has no root element.");
            return null;
        }

        var version = CapNamespaces.VersionOf(_reader.NamespaceURI);
        if (_reader.LocalName != "alert" || version is null)
        {
            _problems.Error(ProblemCodes.CapRootUnexpected, string.Empty, DescribeUnexpectedRoot(_reader.LocalName, _reader.NamespaceURI));
            return null;
        }

        _version = version.Value;
        _namespace = _reader.NamespaceURI;
        var alert = ParseAlert();

        // Anything after the root is a well-formedness matter; let XmlReader check it.
        while (_reader.Read())
        {
        }

        if (_signatureCount > 0)
        {
            alert = alert with { Signature = new CapSignature(_document.ToArray(), alert, _signatureCount) };
        }

        return alert;
    }

    private static string DescribeUnexpectedRoot(string localName, string namespaceUri)
    {
        var found = namespaceUri.Length == 0 ? $"<{localName}> in no namespace" : $"<{localName}> in namespace '{namespaceUri}'";
        var hint = (localName, namespaceUri) switch
        {
            ("EDXLDistribution", _) => " (an EDXL distribution envelope: extract the CAP alert from its content first)",
            ("alerts", _) => " (a collection of alerts: submit each <alert> as its own document)",
            ("alert", "") => " (a CAP alert needs its namespace, urn:oasis:names:tc:emergency:cap:1.2)",
            ("alert", _) => " (not a CAP namespace this reader knows)",
            _ => string.Empty,
        };
        return $"Expected a CAP <alert> (urn:oasis:names:tc:emergency:cap:1.2, 1.1 or http://www.incident.com/cap/1.0) but found {found}{hint}.";
    }

    private Alert ParseAlert()
    {
        string identifier = string.Empty, sender = string.Empty;
        DateTimeOffset sent = default;
        AlertStatus status = default;
        AlertMessageType messageType = default;
        AlertScope scope = default;
        string? source = null, restriction = null, note = null;
        List<string>? addresses = null, incidents = null;
        List<AlertReference>? references = null;
        var codes = new List<string>();
        var infos = new List<AlertInfo>();

        var state = new SequenceState(AlertElements);
        foreach (var name in ChildElements(string.Empty, state))
        {
            switch (name)
            {
                case "identifier": identifier = ReadText(name); break;
                case "sender": sender = ReadText(name); break;
                case "sent": sent = ReadDateTime(name) ?? default; break;
                case "status": status = ReadEnum(name, CapEnums.Status) ?? default; break;
                case "msgType": messageType = ReadEnum(name, CapEnums.MessageType) ?? default; break;
                case "password":
                    ReadText(name);
                    _problems.Warning(ProblemCodes.CapDeprecated, name, "CAP 1.0's <password> is deprecated; it was read and is not kept.");
                    break;
                case "source": source = ReadText(name); break;
                case "scope": scope = ReadEnum(name, CapEnums.Scope) ?? default; break;
                case "restriction": restriction = ReadText(name); break;
                case "addresses": addresses = ReadList(name); break;
                case "code": codes.Add(ReadText($"code[{codes.Count}]")); break;
                case "note": note = ReadText(name); break;
                case "references": references = ReadReferences(name); break;
                case "incidents": incidents = ReadList(name); break;
                case "info": infos.Add(ParseInfo($"info[{infos.Count}]")); break;
            }
        }

        RequireElements(string.Empty, state, _version == CapVersion.Cap10
            ? ["identifier", "sender", "sent", "status", "msgType"]
            : ["identifier", "sender", "sent", "status", "msgType", "scope"]);
        if (_version == CapVersion.Cap10 && !state.Seen[AlertElements.IndexOf("scope", _version)])
        {
            _problems.Warning(ProblemCodes.CapRequiredMissing, "scope", "CAP 1.0 allows an alert without <scope>, CAP 1.2 does not: it was read as Public.");
        }

        return new Alert
        {
            Identifier = identifier,
            Sender = sender,
            Sent = sent,
            Status = status,
            MessageType = messageType,
            Source = source,
            Scope = scope,
            Restriction = restriction,
            Addresses = addresses,
            Codes = codes,
            Note = note,
            References = references,
            Incidents = incidents,
            Info = infos,
        };
    }

    private AlertInfo ParseInfo(string path)
    {
        string? language = null, audience = null, senderName = null, headline = null, description = null, instruction = null, web = null, contact = null;
        var @event = string.Empty;
        AlertUrgency urgency = default;
        AlertSeverity severity = default;
        AlertCertainty certainty = default;
        DateTimeOffset? effective = null, onset = null, expires = null;
        var categories = new List<AlertCategory>();
        var responseTypes = new List<AlertResponseType>();
        var eventCodes = new List<NamedValue>();
        var parameters = new List<NamedValue>();
        var resources = new List<AlertResource>();
        var areas = new List<Area>();

        var state = new SequenceState(InfoElements);
        foreach (var name in ChildElements(path, state))
        {
            var at = $"{path}.{name}";
            switch (name)
            {
                // xs:language collapses whitespace: " zh-CN " is schema-valid and means zh-CN.
                case "language": language = ReadText(at).Trim(); break;
                case "category":
                    if (ReadEnum($"{at}[{categories.Count}]", CapEnums.Category) is { } category)
                    {
                        categories.Add(category);
                    }

                    break;
                case "event": @event = ReadText(at); break;
                case "responseType":
                    if (ReadEnum($"{at}[{responseTypes.Count}]", CapEnums.ResponseType) is { } responseType)
                    {
                        responseTypes.Add(responseType);
                    }

                    break;
                case "urgency": urgency = ReadEnum(at, CapEnums.Urgency) ?? default; break;
                case "severity": severity = ReadEnum(at, CapEnums.Severity) ?? default; break;
                case "certainty": certainty = ReadCertainty(at); break;
                case "audience": audience = ReadText(at); break;
                case "eventCode": eventCodes.Add(ReadValuePair($"{at}[{eventCodes.Count}]")); break;
                case "effective": effective = ReadDateTime(at); break;
                case "onset": onset = ReadDateTime(at); break;
                case "expires": expires = ReadDateTime(at); break;
                case "senderName": senderName = ReadText(at); break;
                case "headline": headline = ReadText(at); break;
                case "description": description = ReadText(at); break;
                case "instruction": instruction = ReadText(at); break;
                case "web": web = ReadText(at); break;
                case "contact": contact = ReadText(at); break;
                case "parameter": parameters.Add(ReadValuePair($"{at}[{parameters.Count}]")); break;
                case "resource": resources.Add(ParseResource($"{at}[{resources.Count}]")); break;
                case "area": areas.Add(ParseArea($"{at}[{areas.Count}]")); break;
            }
        }

        RequireElements(path, state, _version == CapVersion.Cap10
            ? ["event", "urgency", "severity", "certainty"]
            : ["category", "event", "urgency", "severity", "certainty"]);

        var info = new AlertInfo
        {
            Language = language,
            Categories = categories,
            Event = @event,
            ResponseTypes = responseTypes,
            Urgency = urgency,
            Severity = severity,
            Certainty = certainty,
            Audience = audience,
            EventCodes = eventCodes,
            Effective = effective,
            Onset = onset,
            Expires = expires,
            SenderName = senderName,
            Headline = headline,
            Description = description,
            Instruction = instruction,
            Web = web,
            Contact = contact,
            Resources = resources,
            Areas = areas,
        };
        return LiftCityRiskParameters(info, parameters);
    }

    /// <summary>
    /// Turns the <c>CityRisk:</c> parameters into the typed members. One that cannot be typed (an unknown level,
    /// a second domain, an empty hazard id) stays a plain parameter, where the validator reports it.
    /// </summary>
    internal static AlertInfo LiftCityRiskParameters(AlertInfo info, List<NamedValue> parameters)
    {
        WarningLevel? level = null;
        RiskDomain? domain = null;
        List<string>? hazards = null;
        var remaining = new List<NamedValue>(parameters.Count);
        foreach (var parameter in parameters)
        {
            switch (parameter.ValueName)
            {
                case CityRiskParameters.Level when level is null && CapEnums.Level.TryGetValue(parameter.Value, out var parsedLevel):
                    level = parsedLevel;
                    break;
                case CityRiskParameters.Domain when domain is null && CapEnums.Domain.TryGetValue(parameter.Value, out var parsedDomain):
                    domain = parsedDomain;
                    break;
                case CityRiskParameters.Hazard when !string.IsNullOrWhiteSpace(parameter.Value) && parameter.Value.Trim() == parameter.Value:
                    (hazards ??= []).Add(parameter.Value);
                    break;
                default:
                    remaining.Add(parameter);
                    break;
            }
        }

        return info with { Parameters = remaining, Level = level, Domain = domain, Hazards = hazards ?? (IReadOnlyList<string>)[] };
    }

    private AlertResource ParseResource(string path)
    {
        var description = string.Empty;
        string? mimeType = null, uri = null, derefUri = null, digest = null;
        long? size = null;
        var state = new SequenceState(ResourceElements);
        foreach (var name in ChildElements(path, state))
        {
            var at = $"{path}.{name}";
            switch (name)
            {
                case "resourceDesc": description = ReadText(at); break;
                case "mimeType": mimeType = ReadText(at); break;
                case "size": size = ReadInteger(at); break;
                case "uri": uri = ReadText(at); break;
                case "derefUri": derefUri = ReadText(at); break;
                case "digest": digest = ReadText(at); break;
            }
        }

        RequireElements(path, state, _version == CapVersion.Cap12 ? ["resourceDesc", "mimeType"] : ["resourceDesc"]);
        return new AlertResource { Description = description, MimeType = mimeType, Size = size, Uri = uri, DerefUri = derefUri, Digest = digest };
    }

    private Area ParseArea(string path)
    {
        var description = string.Empty;
        decimal? altitude = null, ceiling = null;
        var polygons = new List<GeoPolygon>();
        var circles = new List<GeoCircle>();
        var geocodes = new List<NamedValue>();
        var state = new SequenceState(AreaElements);
        foreach (var name in ChildElements(path, state))
        {
            var at = $"{path}.{name}";
            switch (name)
            {
                case "areaDesc": description = ReadText(at); break;
                case "polygon":
                    {
                        var polygonPath = $"{at}[{polygons.Count}]";
                        var badPairs = new List<string>();
                        var points = CapText.ParsePolygon(ReadText(polygonPath), badPairs);
                        foreach (var bad in badPairs)
                        {
                            _problems.Error(ProblemCodes.CapPolygonSyntax, polygonPath,
                                $"'{Truncate(bad)}' is not a 'latitude,longitude' pair of decimal degrees; the point was skipped.");
                        }

                        polygons.Add(GeoPolygon.FromRing(points));
                        break;
                    }

                case "circle":
                    {
                        var circlePath = $"{at}[{circles.Count}]";
                        var text = ReadText(circlePath);
                        if (CapText.TryParseCircle(text, out var circle))
                        {
                            circles.Add(circle!);
                        }
                        else
                        {
                            _problems.Error(ProblemCodes.CapCircleSyntax, circlePath,
                                $"'{Truncate(text)}' is not a circle: CAP writes 'latitude,longitude radius' with the radius in kilometres.");
                            circles.Add(new GeoCircle(default, 0));
                        }

                        break;
                    }

                case "geocode": geocodes.Add(ReadValuePair($"{at}[{geocodes.Count}]")); break;
                case "altitude": altitude = ReadDecimal(at); break;
                case "ceiling": ceiling = ReadDecimal(at); break;
            }
        }

        RequireElements(path, state, ["areaDesc"]);
        return new Area { Description = description, Polygons = polygons, Circles = circles, Geocodes = geocodes, Altitude = altitude, Ceiling = ceiling };
    }

    private NamedValue ReadValuePair(string path)
    {
        if (_version == CapVersion.Cap10)
        {
            // CAP 1.0 writes eventCode, parameter and geocode as "valueName=value" text.
            var text = ReadText(path);
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                _problems.Warning(ProblemCodes.CapValuePairSyntax, path,
                    $"CAP 1.0 writes this as 'valueName=value' but '{Truncate(text)}' has no name; it was read with an empty valueName.");
                return new NamedValue(string.Empty, text);
            }

            return new NamedValue(text[..equals], text[(equals + 1)..]);
        }

        string valueName = string.Empty, value = string.Empty;
        var state = new SequenceState(ValuePairElements);
        foreach (var name in ChildElements(path, state))
        {
            if (name == "valueName")
            {
                valueName = ReadText($"{path}.valueName");
            }
            else
            {
                value = ReadText($"{path}.value");
            }
        }

        RequireElements(path, state, ["valueName", "value"]);
        return new NamedValue(valueName, value);
    }

    /// <summary>
    /// Yields the names of a container's CAP child elements in turn, positioned on each; checks order and
    /// cardinality; reports and skips anything else. The handler must consume the element it is given.
    /// </summary>
    private IEnumerable<string> ChildElements(string path, SequenceState state)
    {
        CheckDepth(path);
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            yield break;
        }

        _reader.Read();
        while (true)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.EndElement:
                    _reader.Read();
                    yield break;
                case XmlNodeType.Element:
                    {
                        var name = _reader.LocalName;
                        var position = _reader.NamespaceURI == _namespace ? state.Sequence.IndexOf(name, _version) : -1;
                        var at = path.Length == 0 ? name : $"{path}.{name}";
                        if (position < 0)
                        {
                            if (path.Length == 0 && _reader.NamespaceURI == CapNamespaces.XmlDsig && name == "Signature")
                            {
                                _signatureCount++;
                                SkipElement(at);
                            }
                            else
                            {
                                UnknownElement(at);
                            }

                            continue;
                        }

                        if (position < state.Last)
                        {
                            _problems.Error(ProblemCodes.CapElementOrder, at,
                                $"<{name}> comes after <{state.Sequence.Names[state.Last]}>, but CAP puts it before.");
                        }
                        else if (position == state.Last && !state.Sequence.IsRepeatable(position))
                        {
                            _problems.Error(ProblemCodes.CapElementDuplicate, at, $"<{name}> may appear only once here; the repeat was ignored.");
                            SkipElement(at);
                            continue;
                        }

                        state.Last = Math.Max(state.Last, position);
                        state.Seen[position] = true;
                        yield return name;
                        break;
                    }

                case XmlNodeType.Text or XmlNodeType.CDATA:
                    _problems.Error(ProblemCodes.CapElementUnknown, path,
                        $"Text '{Truncate(_reader.Value.Trim())}' is not allowed between elements here.");
                    _reader.Read();
                    break;
                default:
                    // Whitespace, comments and processing instructions between elements.
                    _reader.Read();
                    break;
            }
        }
    }

    private void RequireElements(string path, SequenceState state, string[] required)
    {
        foreach (var name in required)
        {
            if (!state.Seen[state.Sequence.IndexOf(name, _version)])
            {
                _problems.Error(ProblemCodes.CapRequiredMissing, path.Length == 0 ? name : $"{path}.{name}",
                    $"<{name}> is required here and is missing.");
            }
        }
    }

    private void UnknownElement(string at)
    {
        var (localName, namespaceUri) = (_reader.LocalName, _reader.NamespaceURI);
        if (IsXInclude(namespaceUri))
        {
            _problems.Error(ProblemCodes.XmlXIncludeProhibited, at, $"XInclude <{_reader.Name}> is refused; nothing it references was resolved.");
        }
        else
        {
            var where = namespaceUri.Length == 0 ? "in no namespace" : $"in namespace '{namespaceUri}'";
            _problems.Error(ProblemCodes.CapElementUnknown, at, $"<{localName}> {where} is not a CAP element allowed here.");
        }

        SkipElement(at);
    }

    /// <summary>Skips an element and its subtree, still bounding depth and refusing XInclude inside it.</summary>
    private void SkipElement(string path)
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return;
        }

        var depth = _reader.Depth;
        while (_reader.Read() && _reader.Depth > depth)
        {
            if (_reader.NodeType == XmlNodeType.Element)
            {
                CheckDepth(path);
                if (IsXInclude(_reader.NamespaceURI))
                {
                    _problems.Error(ProblemCodes.XmlXIncludeProhibited, path, $"XInclude <{_reader.Name}> is refused; nothing it references was resolved.");
                }
            }
        }

        // Now on the element's end tag.
        _reader.Read();
    }

    private void CheckDepth(string path)
    {
        if (_reader.Depth >= _options.MaxDepth)
        {
            _problems.Error(ProblemCodes.XmlTooDeep, path, $"Elements are nested deeper than the limit of {_options.MaxDepth}.");
            throw new ReadAbortedException();
        }
    }

    /// <summary>Reads a text-only element's content and moves past it.</summary>
    private string ReadText(string path)
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return string.Empty;
        }

        string? single = null;
        System.Text.StringBuilder? builder = null;
        _reader.Read();
        while (_reader.NodeType != XmlNodeType.EndElement)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (single is null)
                    {
                        single = _reader.Value;
                    }
                    else
                    {
                        (builder ??= new System.Text.StringBuilder(single)).Append(_reader.Value);
                    }

                    _reader.Read();
                    break;
                case XmlNodeType.Element when IsXInclude(_reader.NamespaceURI):
                    UnknownElement(path);
                    break;
                case XmlNodeType.Element:
                    _problems.Error(ProblemCodes.CapElementNotSimple, path, $"Holds text only, but has a child element <{_reader.LocalName}>.");
                    SkipElement(path);
                    break;
                default:
                    _reader.Read();
                    break;
            }
        }

        _reader.Read();
        return builder?.ToString() ?? single ?? string.Empty;
    }

    private DateTimeOffset? ReadDateTime(string path)
    {
        var text = ReadText(path).Trim();
        var parsed = _version == CapVersion.Cap10 ? CapDateTime.TryParseCap10(text, out var value) : CapDateTime.TryParse(text, out value);
        if (parsed)
        {
            return value;
        }

        _problems.Error(ProblemCodes.CapDateTimeInvalid, path,
            $"'{Truncate(text)}' is not a CAP date-time: write YYYY-MM-DDThh:mm:ss with an explicit offset such as +08:00 (UTC as -00:00).");
        return null;
    }

    private T? ReadEnum<T>(string path, CapEnum<T> values)
        where T : struct, Enum
    {
        var text = ReadText(path).Trim();
        if (values.TryParse(text, _version, out var value))
        {
            return value;
        }

        _problems.Error(ProblemCodes.CapEnumInvalid, path,
            $"'{Truncate(text)}' is not a CAP {values.Element} value{VersionNote()}; expected one of: {values.Describe(_version)}.");
        return null;
    }

    private AlertCertainty ReadCertainty(string path)
    {
        if (_version == CapVersion.Cap10 && !_reader.IsEmptyElement)
        {
            // CAP 1.0's "Very Likely" became "Likely" in CAP 1.1.
            var text = ReadText(path).Trim();
            if (text == "Very Likely")
            {
                _problems.Warning(ProblemCodes.CapDeprecated, path, "CAP 1.0's 'Very Likely' is deprecated and was read as 'Likely', as CAP 1.1 directs.");
                return AlertCertainty.Likely;
            }

            if (CapEnums.Certainty.TryParse(text, _version, out var certainty))
            {
                return certainty;
            }

            _problems.Error(ProblemCodes.CapEnumInvalid, path,
                $"'{Truncate(text)}' is not a CAP certainty value{VersionNote()}; expected one of: Very Likely, {CapEnums.Certainty.Describe(_version)}.");
            return default;
        }

        return ReadEnum(path, CapEnums.Certainty) ?? default;
    }

    private decimal? ReadDecimal(string path)
    {
        var text = ReadText(path).Trim();
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _problems.Error(ProblemCodes.CapNumberInvalid, path, $"'{Truncate(text)}' is not a decimal number.");
        return null;
    }

    private long? ReadInteger(string path)
    {
        var text = ReadText(path).Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _problems.Error(ProblemCodes.CapNumberInvalid, path, $"'{Truncate(text)}' is not an integer.");
        return null;
    }

    private List<string> ReadList(string path)
    {
        var text = ReadText(path);
        if (CapText.TrySplitList(text, out var values))
        {
            return values;
        }

        _problems.Error(ProblemCodes.CapListSyntax, path, "A double quote opens a multi-word value that is never closed.");
        return values;
    }

    private List<AlertReference> ReadReferences(string path)
    {
        var references = new List<AlertReference>();
        var text = ReadText(path);
        foreach (var triple in text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = triple.Split(',');
            if (parts.Length == 3 && parts[0].Length > 0 && parts[1].Length > 0 && CapDateTime.TryParse(parts[2], out var sent))
            {
                references.Add(new AlertReference(parts[0], parts[1], sent));
            }
            else
            {
                _problems.Error(ProblemCodes.CapReferenceSyntax, $"{path}[{references.Count}]",
                    $"'{Truncate(triple)}' is not a 'sender,identifier,sent' triple with a CAP date-time; the reference was skipped.");
            }
        }

        return references;
    }

    private string VersionNote() => _version switch
    {
        CapVersion.Cap10 => " in CAP 1.0",
        CapVersion.Cap11 => " in CAP 1.1",
        _ => string.Empty,
    };

    private static bool IsXInclude(string namespaceUri) => namespaceUri is CapNamespaces.XInclude or CapNamespaces.XInclude2003;

    private static string Truncate(string text) => text.Length <= 60 ? text : $"{text[..57]}...";

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether an exception came out of System.Xml's reader (a frame of it above the first of ours), not out of this parser's own code.</summary>
    private static bool ThrownByXmlReader(Exception ex)
    {
        var trace = ex.StackTrace ?? string.Empty;
        var ours = trace.IndexOf("CityRisk.", StringComparison.Ordinal);
        return trace.IndexOf("System.Xml.", StringComparison.Ordinal) is var xml and >= 0 && (ours < 0 || xml < ours);
    }

    private static bool ContainsDoctype(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOf("<!DOCTYPE"u8) >= 0 || bytes.IndexOf("<\0!\0D\0O\0C\0T\0Y\0P\0E\0"u8) >= 0;

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>Unwinds the parse after a limit was hit; the problem is already recorded.</summary>
    private sealed class ReadAbortedException : Exception;

    private sealed class ElementSequence
    {
        private readonly FrozenDictionary<string, int> _positions;
        private readonly bool[] _repeatable;

        public ElementSequence(string[] names, string[] repeatable)
        {
            Names = names;
            _positions = names.Select((name, index) => KeyValuePair.Create(name, index)).ToFrozenDictionary();
            _repeatable = [.. names.Select(repeatable.Contains)];
        }

        public string[] Names { get; }

        public bool IsRepeatable(int position) => _repeatable[position];

        /// <summary>The element's position, or -1 when the version does not define it there.</summary>
        public int IndexOf(string name, CapVersion version)
        {
            if (!_positions.TryGetValue(name, out var position))
            {
                return -1;
            }

            return name switch
            {
                "password" when version != CapVersion.Cap10 => -1,
                "responseType" or "derefUri" when version == CapVersion.Cap10 => -1,
                _ => position,
            };
        }
    }

    private sealed class SequenceState(ElementSequence sequence)
    {
        public ElementSequence Sequence { get; } = sequence;

        public bool[] Seen { get; } = new bool[sequence.Names.Length];

        public int Last { get; set; } = -1;
    }
}
