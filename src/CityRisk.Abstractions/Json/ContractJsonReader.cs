using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CityRisk.Hazards;
using CityRisk.Incidents;
using CityRisk.Problems;

namespace CityRisk.Json;

/// <summary>
/// Reads the CityRisk JSON of the kinds after alerts (hazard, observation ...) through the source-generated serializer,
/// held to the same contract as the alert's hand-written reader: the header checked first, exact member names, no
/// unknown or repeated member, enums by name only. The serializer's exceptions name .NET types; what reaches a
/// partner is translated into the JSON path and what was expected there.
/// </summary>
internal static partial class ContractJsonReader
{
    /// <summary>How deep a document may nest: the well-formedness check and the serializer refuse the same documents.</summary>
    private const int MaxDepth = 32;

    private static readonly JsonSerializerOptions Strict = CreateStrict();

    /// <summary>The enum types a contract uses, by the name the serializer puts in its messages, with their values.</summary>
    private static readonly Dictionary<string, string[]> EnumValues = new[]
    {
        typeof(RiskDomain), typeof(RiskGrade), typeof(DocumentScope), typeof(ThresholdDirection), typeof(ObservationQuality), typeof(WarningLevel),
        typeof(IncidentState), typeof(IncidentGrade), typeof(ReporterRole),
        typeof(Resources.ResourceStatus), typeof(Resources.ResourceRequestState), typeof(Resources.ResourceOfferState), typeof(Resources.DeploymentStatus),
        typeof(Enterprises.GrantBasis), typeof(Enterprises.GrantState),
    }.ToDictionary(t => t.FullName!, t => Enum.GetNames(t));

    /// <summary>Reads a document of <paramref name="kind"/>: through <paramref name="handWritten"/> when the kind has a hand-written reader, else the serializer.</summary>
    public static FormatResult<T> Read<T>(
        ReadOnlyMemory<byte> utf8Json, string kind, CityRiskJsonReaderOptions options, Func<T, IReadOnlyList<Problem>> validate, StrictJsonReader.DocumentReader<T>? handWritten = null)
        where T : class
    {
        options.ThrowIfInvalid();
        var problems = new ProblemCollector();
        var bytes = ByteOrderMark.SkipUtf8(utf8Json.Span);
        if (CityRiskJson.IsEmptyOrTooLarge(bytes, options, problems))
        {
            return new(null, problems.Problems);
        }

        // Well-formedness is checked only when something fails: the serializer refuses everything the check would
        // (same reader, same depth limit, every string decoded), and the check's pass costs as much as reading the
        // document again. A malformed document is still reported as malformed, before anything else.
        CityRiskJson.TryReadHeader(bytes, out var foundKind, out var version);
        var header = new ProblemCollector();
        if (!CityRiskJson.CheckHeader(foundKind, version, kind, header))
        {
            problems.AddRange(Malformed(bytes) is { } malformed ? [malformed] : header.Problems);
            return new(null, problems.Problems);
        }

        T? value;
        if (handWritten is not null)
        {
            // The hand-written reader stops at the first contract violation, which may come before the bytes stop
            // being JSON: malformed is still reported as malformed, as the serializer's path does.
            var refusal = new ProblemCollector();
            value = handWritten(bytes, refusal);
            if (value is null)
            {
                problems.AddRange(Malformed(bytes) is { } malformed ? [malformed] : refusal.Problems);
                return new(null, problems.Problems);
            }
        }
        else
        {
            try
            {
                value = JsonSerializer.Deserialize(bytes, (JsonTypeInfo<T>)Strict.GetTypeInfo(typeof(T)));
            }
            catch (JsonException ex)
            {
                problems.Add(Malformed(bytes) ?? Translate(ex, kind, typeof(T)));
                return new(null, problems.Problems);
            }
            catch (InvalidOperationException)
            {
                // Text that is not UTF-8 surfaces here from some converters; Malformed names it.
                problems.Add(Malformed(bytes) ?? Problem.Error(ProblemCodes.JsonInvalid, "$", $"This document does not fit the {kind} contract (schemas/v1/{kind}.schema.json)."));
                return new(null, problems.Problems);
            }
        }

        problems.AddRange(header.Problems);
        if (value is null)
        {
            problems.Error(ProblemCodes.JsonInvalid, "$", $"A {kind} is a JSON object, not null.");
            return new(null, problems.Problems);
        }

        if (options.Validate)
        {
            problems.AddRange(validate(value));
        }

        return new(value, problems.Problems);
    }

    /// <summary>JSON-MALFORMED with line and byte, when the bytes are not well-formed JSON (or the text is not UTF-8).</summary>
    private static Problem? Malformed(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString(); // decodes: invalid UTF-8 inside a string throws here
                }
            }

            return null;
        }
        catch (JsonException ex)
        {
            return Problem.Error(ProblemCodes.JsonMalformed, string.Empty, CityRiskJson.MalformedMessage(ex));
        }
        catch (InvalidOperationException ex)
        {
            return Problem.Error(ProblemCodes.JsonMalformed, string.Empty, CityRiskJson.NotUtf8Message(ex));
        }
    }

    /// <summary>The serializer's refusal as a problem a partner in any language can act on: the path, and what was expected.</summary>
    internal static Problem Translate(JsonException ex, string kind, Type root)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path!;
        var message = ex.Message;
        if (DuplicateMember().Match(message) is { Success: true } duplicate)
        {
            return Problem.Error(ProblemCodes.JsonMemberRepeated, path, $"The member \"{duplicate.Groups[1].Value}\" appears twice in this object; readers disagree on which counts, so the document is refused.");
        }

        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            return Problem.Error(ProblemCodes.JsonInvalid, path, $"\"{unknown.Groups[1].Value}\" is not a member here (member names are case-sensitive; see schemas/v1/{kind}.schema.json).");
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return Problem.Error(ProblemCodes.JsonInvalid, path, $"Required member(s) missing: {missing.Groups[1].Value.Replace("'", "\"")}.");
        }

        if (NullNotAllowed().IsMatch(message))
        {
            return Problem.Error(ProblemCodes.JsonInvalid, path, $"null is not allowed here; expected {ExpectedAt(root, path) ?? "a value"}.");
        }

        if (CouldNotConvert().Match(message) is { Success: true } convert)
        {
            // The serializer names the type that held the value, not the value's: the path says what was expected.
            return Problem.Error(ProblemCodes.JsonInvalid, path, $"This value is not {ExpectedAt(root, path) ?? Expected(convert.Groups[1].Value)}.");
        }

        // Our own converters (geometry, duration, date-time) explain themselves without .NET names; anything else is
        // reported without the serializer's wording, which would name .NET types.
        var own = message.Split(" Path:")[0].Trim();
        return Problem.Error(ProblemCodes.JsonInvalid, path, own.Contains("System.", StringComparison.Ordinal) || own.Contains("CityRisk.", StringComparison.Ordinal)
            ? $"This value does not fit the {kind} contract (schemas/v1/{kind}.schema.json)."
            : own);
    }

    /// <summary>What the contract expects at a JSON path, from the serializer's own metadata; null when the path leads nowhere.</summary>
    private static string? ExpectedAt(Type root, string path)
    {
        var type = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
            }
            else
            {
                var name = segment.Groups["name"].Value;
                type = Strict.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return Describe(type);
    }

    private static Type? ElementType(Type type) =>
        type != typeof(string) && Strict.TryGetTypeInfo(type, out var info) && info.Kind == JsonTypeInfoKind.Enumerable ? info.ElementType : null;

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(int) || type == typeof(long) => "an integer",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(DateTimeOffset) => "a date-time with its offset, such as \"2026-11-30T08:00:00+08:00\"",
            _ when type == typeof(TimeSpan) => "an ISO 8601 duration such as \"PT10M\"",
            _ when type == typeof(LocalizedText) => "an object of language tags and texts, such as {\"zh-Hans\": \"...\", \"en\": \"...\"}",
            _ when type == typeof(Geo.GeoGeometry) => "a GeoJSON geometry (Point, LineString or Polygon)",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type).Select(n => $"\"{n}\""))} (exactly, as a string)",
            _ when ElementType(type) is not null => "an array",
            _ => "an object",
        };
    }

    private static string Expected(string type) => type.TrimEnd('?') switch
    {
        "System.String" => "a string",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Int32" or "System.Int64" => "an integer",
        "System.Boolean" => "true or false",
        "System.DateTimeOffset" => "a date-time with its offset, such as \"2026-11-30T08:00:00+08:00\"",
        var t when t.StartsWith("System.Nullable`1[[", StringComparison.Ordinal) => Expected(t.Substring(19).Split(',')[0]),
        var t when EnumValues.TryGetValue(t, out var names) => $"one of {string.Join(", ", names.Select(n => $"\"{n}\""))} (exactly, as a string)",
        var t when t.StartsWith("System.Collections", StringComparison.Ordinal) => "an array",
        _ => "the right type here (an object, an array, a string or a number, as the schema says)",
    };

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(CityRiskJsonContext.Default.Options) { AllowDuplicateProperties = false, MaxDepth = MaxDepth };
        options.MakeReadOnly();
        return options;
    }

    private const string DuplicateMemberPattern = @"^Duplicate property '([^']*)'";

    private const string UnknownMemberPattern = @"The JSON property '([^']*)' could not be mapped";

    private const string MissingRequiredPattern = @"missing required properties including: (.*?)\.( Path:|$)";

    private const string CouldNotConvertPattern = @"The JSON value could not be converted to ([^ ]+)\.";

    private const string NullNotAllowedPattern = @"doesn't allow (setting |getting )?null values";

    private const string PathSegmentPattern = @"\.(?<name>[A-Za-z0-9_]+)|\[(?<index>[0-9]+)\]";

#if NET
    [GeneratedRegex(DuplicateMemberPattern)]
    private static partial Regex DuplicateMember();

    [GeneratedRegex(UnknownMemberPattern)]
    private static partial Regex UnknownMember();

    [GeneratedRegex(MissingRequiredPattern)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(CouldNotConvertPattern)]
    private static partial Regex CouldNotConvert();

    [GeneratedRegex(NullNotAllowedPattern)]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(PathSegmentPattern)]
    private static partial Regex PathSegment();
#else
    private static readonly Regex DuplicateMemberRegex = new(DuplicateMemberPattern, RegexOptions.CultureInvariant);

    private static Regex DuplicateMember() => DuplicateMemberRegex;

    private static readonly Regex UnknownMemberRegex = new(UnknownMemberPattern, RegexOptions.CultureInvariant);

    private static Regex UnknownMember() => UnknownMemberRegex;

    private static readonly Regex MissingRequiredRegex = new(MissingRequiredPattern, RegexOptions.CultureInvariant);

    private static Regex MissingRequired() => MissingRequiredRegex;

    private static readonly Regex CouldNotConvertRegex = new(CouldNotConvertPattern, RegexOptions.CultureInvariant);

    private static Regex CouldNotConvert() => CouldNotConvertRegex;

    private static readonly Regex NullNotAllowedRegex = new(NullNotAllowedPattern, RegexOptions.CultureInvariant);

    private static Regex NullNotAllowed() => NullNotAllowedRegex;

    private static readonly Regex PathSegmentRegex = new(PathSegmentPattern, RegexOptions.CultureInvariant);

    private static Regex PathSegment() => PathSegmentRegex;
#endif
}
