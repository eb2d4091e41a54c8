using System.Text.Json;
using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Json;

/// <summary>The CityRisk JSON alert (docs/formats.md), read by hand.</summary>
internal ref partial struct StrictJsonReader
{
    /// <summary>Reads an alert, or reports the first way the document breaks the contract.</summary>
    public static Alert? ReadAlert(ReadOnlySpan<byte> utf8Json, ProblemCollector problems) =>
        Read(utf8Json, "alert", problems, static (ref StrictJsonReader r) => r.ReadAlert());

    private Alert ReadAlert()
    {
        ExpectObject("An alert is a JSON object.");
        string? identifier = null, sender = null, source = null, restriction = null, note = null;
        DateTimeOffset? sent = null;
        AlertStatus? status = null;
        AlertMessageType? messageType = null;
        AlertScope? scope = null;
        IReadOnlyList<string>? addresses = null, codes = null, incidents = null;
        IReadOnlyList<AlertReference>? references = null;
        IReadOnlyList<AlertInfo>? info = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var name = _reader.ValueSpan;
            var member = name.Length switch
            {
                1 when name.SequenceEqual("v"u8) => 0,
                4 when name.SequenceEqual("kind"u8) => 1,
                4 when name.SequenceEqual("sent"u8) => 4,
                4 when name.SequenceEqual("note"u8) => 12,
                4 when name.SequenceEqual("info"u8) => 15,
                5 when name.SequenceEqual("scope"u8) => 8,
                5 when name.SequenceEqual("codes"u8) => 11,
                6 when name.SequenceEqual("sender"u8) => 3,
                6 when name.SequenceEqual("status"u8) => 5,
                6 when name.SequenceEqual("source"u8) => 7,
                7 when name.SequenceEqual("msgType"u8) => 6,
                9 when name.SequenceEqual("addresses"u8) => 10,
                9 when name.SequenceEqual("incidents"u8) => 14,
                10 when name.SequenceEqual("identifier"u8) => 2,
                10 when name.SequenceEqual("references"u8) => 13,
                11 when name.SequenceEqual("restriction"u8) => 9,
                _ => -1,
            };
            EnterMember(ref members, member);
            switch (member)
            {
                case 0: ReadVersion(); break;
                case 1: ReadKind(); break;
                case 2: identifier = ReadString(); break;
                case 3: sender = ReadString(); break;
                case 4: sent = ReadDateTime(); break;
                case 5: status = ReadEnum<AlertStatus>(); break;
                case 6: messageType = ReadEnum<AlertMessageType>(); break;
                case 7: source = ReadNullableString(); break;
                case 8: scope = ReadEnum<AlertScope>(); break;
                case 9: restriction = ReadNullableString(); break;
                case 10: addresses = ReadNullable() ? null : ReadStrings(); break;
                case 11: codes = ReadStrings(); break;
                case 12: note = ReadNullableString(); break;
                case 13: references = ReadNullable() ? null : ReadArray(static (ref StrictJsonReader r) => r.ReadReference()); break;
                case 14: incidents = ReadNullable() ? null : ReadStrings(); break;
                default: info = ReadArray(static (ref StrictJsonReader r) => r.ReadInfo()); break;
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this, ["v", "kind", "identifier", "sender", "sent", "status", "msgType", null, "scope"]);
        return new Alert
        {
            Identifier = identifier!,
            Sender = sender!,
            Sent = sent!.Value,
            Status = status!.Value,
            MessageType = messageType!.Value,
            Source = source,
            Scope = scope!.Value,
            Restriction = restriction,
            Addresses = addresses,
            Codes = codes ?? [],
            Note = note,
            References = references,
            Incidents = incidents,
            Info = info ?? [],
        };
    }

    private AlertReference ReadReference()
    {
        ExpectObject("A reference is an object with sender, identifier and sent.");
        string? sender = null, identifier = null;
        DateTimeOffset? sent = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var member = _reader.ValueTextEquals("sender"u8) ? 0 : _reader.ValueTextEquals("identifier"u8) ? 1 : _reader.ValueTextEquals("sent"u8) ? 2 : -1;
            EnterMember(ref members, member);
            switch (member)
            {
                case 0: sender = ReadString(); break;
                case 1: identifier = ReadString(); break;
                default: sent = ReadDateTime(); break;
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this, ["sender", "identifier", "sent"]);
        return new AlertReference(sender!, identifier!, sent!.Value);
    }

    private AlertInfo ReadInfo()
    {
        ExpectObject("An info block is a JSON object.");
        string? language = null, @event = null, audience = null, senderName = null, headline = null, description = null, instruction = null, web = null, contact = null;
        IReadOnlyList<AlertCategory>? categories = null;
        IReadOnlyList<AlertResponseType>? responseTypes = null;
        AlertUrgency? urgency = null;
        AlertSeverity? severity = null;
        AlertCertainty? certainty = null;
        IReadOnlyList<NamedValue>? eventCodes = null, parameters = null;
        DateTimeOffset? effective = null, onset = null, expires = null;
        WarningLevel? level = null;
        RiskDomain? domain = null;
        IReadOnlyList<string>? hazards = null;
        IReadOnlyList<AlertResource>? resources = null;
        IReadOnlyList<Area>? areas = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var name = _reader.ValueSpan;
            var member = name.Length switch
            {
                3 when name.SequenceEqual("web"u8) => 16,
                5 when name.SequenceEqual("event"u8) => 2,
                5 when name.SequenceEqual("onset"u8) => 10,
                5 when name.SequenceEqual("level"u8) => 19,
                5 when name.SequenceEqual("areas"u8) => 23,
                6 when name.SequenceEqual("domain"u8) => 20,
                7 when name.SequenceEqual("urgency"u8) => 4,
                7 when name.SequenceEqual("expires"u8) => 11,
                7 when name.SequenceEqual("contact"u8) => 17,
                7 when name.SequenceEqual("hazards"u8) => 21,
                8 when name.SequenceEqual("language"u8) => 0,
                8 when name.SequenceEqual("severity"u8) => 5,
                8 when name.SequenceEqual("audience"u8) => 7,
                8 when name.SequenceEqual("headline"u8) => 13,
                9 when name.SequenceEqual("certainty"u8) => 6,
                9 when name.SequenceEqual("effective"u8) => 9,
                9 when name.SequenceEqual("resources"u8) => 22,
                10 when name.SequenceEqual("categories"u8) => 1,
                10 when name.SequenceEqual("eventCodes"u8) => 8,
                10 when name.SequenceEqual("senderName"u8) => 12,
                10 when name.SequenceEqual("parameters"u8) => 18,
                11 when name.SequenceEqual("description"u8) => 14,
                11 when name.SequenceEqual("instruction"u8) => 15,
                13 when name.SequenceEqual("responseTypes"u8) => 3,
                _ => -1,
            };
            EnterMember(ref members, member);
            switch (member)
            {
                case 0: language = ReadNullableString(); break;
                case 1: categories = ReadArray(static (ref StrictJsonReader r) => r.ReadEnum<AlertCategory>()); break;
                case 2: @event = ReadString(); break;
                case 3: responseTypes = ReadArray(static (ref StrictJsonReader r) => r.ReadEnum<AlertResponseType>()); break;
                case 4: urgency = ReadEnum<AlertUrgency>(); break;
                case 5: severity = ReadEnum<AlertSeverity>(); break;
                case 6: certainty = ReadEnum<AlertCertainty>(); break;
                case 7: audience = ReadNullableString(); break;
                case 8: eventCodes = ReadArray(static (ref StrictJsonReader r) => r.ReadNamedValue()); break;
                case 9: effective = ReadNullableDateTime(); break;
                case 10: onset = ReadNullableDateTime(); break;
                case 11: expires = ReadNullableDateTime(); break;
                case 12: senderName = ReadNullableString(); break;
                case 13: headline = ReadNullableString(); break;
                case 14: description = ReadNullableString(); break;
                case 15: instruction = ReadNullableString(); break;
                case 16: web = ReadNullableString(); break;
                case 17: contact = ReadNullableString(); break;
                case 18: parameters = ReadArray(static (ref StrictJsonReader r) => r.ReadNamedValue()); break;
                case 19: level = ReadNullable() ? null : ReadEnum<WarningLevel>(); break;
                case 20: domain = ReadNullable() ? null : ReadEnum<RiskDomain>(); break;
                case 21: hazards = ReadStrings(); break;
                case 22: resources = ReadArray(static (ref StrictJsonReader r) => r.ReadResource()); break;
                default: areas = ReadArray(static (ref StrictJsonReader r) => r.ReadArea()); break;
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this, [null, "categories", "event", null, "urgency", "severity", "certainty"]);
        return new AlertInfo
        {
            Language = language,
            Categories = categories!,
            Event = @event!,
            ResponseTypes = responseTypes ?? [],
            Urgency = urgency!.Value,
            Severity = severity!.Value,
            Certainty = certainty!.Value,
            Audience = audience,
            EventCodes = eventCodes ?? [],
            Effective = effective,
            Onset = onset,
            Expires = expires,
            SenderName = senderName,
            Headline = headline,
            Description = description,
            Instruction = instruction,
            Web = web,
            Contact = contact,
            Parameters = parameters ?? [],
            Level = level,
            Domain = domain,
            Hazards = hazards ?? [],
            Resources = resources ?? [],
            Areas = areas ?? [],
        };
    }

    private AlertResource ReadResource()
    {
        ExpectObject("A resource is a JSON object.");
        string? description = null, mimeType = null, uri = null, derefUri = null, digest = null;
        long? size = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var member = _reader.ValueTextEquals("description"u8) ? 0
                : _reader.ValueTextEquals("mimeType"u8) ? 1
                : _reader.ValueTextEquals("size"u8) ? 2
                : _reader.ValueTextEquals("uri"u8) ? 3
                : _reader.ValueTextEquals("derefUri"u8) ? 4
                : _reader.ValueTextEquals("digest"u8) ? 5
                : -1;
            EnterMember(ref members, member);
            switch (member)
            {
                case 0: description = ReadString(); break;
                case 1: mimeType = ReadNullableString(); break;
                case 2: size = ReadNullable() ? null : ReadInt64(); break;
                case 3: uri = ReadNullableString(); break;
                case 4: derefUri = ReadNullableString(); break;
                default: digest = ReadNullableString(); break;
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this, ["description"]);
        return new AlertResource { Description = description!, MimeType = mimeType, Size = size, Uri = uri, DerefUri = derefUri, Digest = digest };
    }

    private Area ReadArea()
    {
        ExpectObject("An area is a JSON object.");
        string? description = null;
        IReadOnlyList<GeoPolygon>? polygons = null;
        IReadOnlyList<GeoCircle>? circles = null;
        IReadOnlyList<NamedValue>? geocodes = null;
        decimal? altitude = null, ceiling = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var member = _reader.ValueTextEquals("description"u8) ? 0
                : _reader.ValueTextEquals("polygons"u8) ? 1
                : _reader.ValueTextEquals("circles"u8) ? 2
                : _reader.ValueTextEquals("geocodes"u8) ? 3
                : _reader.ValueTextEquals("altitude"u8) ? 4
                : _reader.ValueTextEquals("ceiling"u8) ? 5
                : -1;
            EnterMember(ref members, member);
            switch (member)
            {
                case 0: description = ReadString(); break;
                case 1: polygons = ReadArray(static (ref StrictJsonReader r) => r.ReadPolygon()); break;
                case 2: circles = ReadArray(static (ref StrictJsonReader r) => r.ReadCircle()); break;
                case 3: geocodes = ReadArray(static (ref StrictJsonReader r) => r.ReadNamedValue()); break;
                case 4: altitude = ReadNullable() ? null : ReadDecimal(); break;
                default: ceiling = ReadNullable() ? null : ReadDecimal(); break;
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this, ["description"]);
        return new Area { Description = description!, Polygons = polygons ?? [], Circles = circles ?? [], Geocodes = geocodes ?? [], Altitude = altitude, Ceiling = ceiling };
    }

    private GeoCircle ReadCircle()
    {
        ExpectObject("A circle is an object with a center [longitude, latitude] and a radiusKm.");
        GeoPoint? center = null;
        double? radius = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var member = _reader.ValueTextEquals("center"u8) ? 0 : _reader.ValueTextEquals("radiusKm"u8) ? 1 : -1;
            EnterMember(ref members, member);
            if (member == 0)
            {
                center = ReadPosition();
            }
            else
            {
                radius = ReadDouble();
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this, ["center", "radiusKm"]);
        return new GeoCircle(center!.Value, radius!.Value);
    }

    private GeoPolygon ReadPolygon()
    {
        var rings = ReadArray(static (ref StrictJsonReader r) => r.ReadArray(static (ref StrictJsonReader p) => p.ReadPosition()),
            "A polygon is an array of rings, each an array of [longitude, latitude] positions.");
        return new GeoPolygon(rings);
    }

    private NamedValue ReadNamedValue()
    {
        ExpectObject("A named value is an object with valueName and value.");
        string? valueName = null, value = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var member = _reader.ValueTextEquals("valueName"u8) ? 0 : _reader.ValueTextEquals("value"u8) ? 1 : -1;
            EnterMember(ref members, member);
            if (member == 0)
            {
                valueName = ReadString();
            }
            else
            {
                value = ReadString();
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this, ["valueName", "value"]);
        return new NamedValue(valueName!, value!);
    }
}
