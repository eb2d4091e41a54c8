using System.Text.Json;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Json;

/// <summary>
/// Reads a CityRisk JSON document in one forward pass over a <see cref="Utf8JsonReader"/>: the alert, and the kinds
/// read often enough for the serializer's cost to matter (enterprise profiles, read 500 to a page). Written by hand
/// so that reading costs little more than tokenizing (docs/performance.md), and so that a repeated member is
/// refused: readers that keep the first of two <c>"scope"</c> members and readers that keep the last would otherwise
/// see different documents. Each contract's members are in their own file (<c>StrictJsonReader.Alert.cs</c> ...).
/// </summary>
/// <remarks>
/// The contract is the one the JSON Schema states: exact member names and enum values (case-sensitive), unescaped
/// member names, no unknown members, no null where the schema has no null, date-times with an offset. The first
/// violation ends the read with its JSON path.
/// </remarks>
internal ref partial struct StrictJsonReader
{
    private readonly ReadOnlySpan<byte> _json;
    private readonly JsonPathBuilder _path;
    private readonly string _kind;
    private Utf8JsonReader _reader;

    private StrictJsonReader(ReadOnlySpan<byte> utf8Json, string kind)
    {
        _json = utf8Json;
        _kind = kind;
        _reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 32 });
        _path = new JsonPathBuilder();
    }

    /// <summary>Reads one value of a document with the reader it is handed.</summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <returns>The value.</returns>
    public delegate T ElementReader<T>(ref StrictJsonReader reader);

    /// <summary>Reads a whole document of one kind: the value, or null with the problem added.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="utf8Json">The document, without a byte order mark.</param>
    /// <param name="problems">Where the first violation goes.</param>
    /// <returns>The value, or null when the document breaks the contract.</returns>
    public delegate T? DocumentReader<T>(ReadOnlySpan<byte> utf8Json, ProblemCollector problems)
        where T : class;

    private readonly string Path => _path.ToString(_json);

    /// <summary>Reads a whole document with <paramref name="root"/>, or reports the first way it breaks the contract.</summary>
    private static T? Read<T>(ReadOnlySpan<byte> utf8Json, string kind, ProblemCollector problems, ElementReader<T> root)
        where T : class
    {
        var reader = new StrictJsonReader(utf8Json, kind);
        try
        {
            reader.Next();
            var value = root(ref reader);
            if (reader._reader.Read())
            {
                throw reader.Invalid($"The document goes on after the {kind}'s closing brace.");
            }

            return value;
        }
        catch (JsonContractException ex)
        {
            problems.Error(ex.Code, ex.Path, ex.Message);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // GetString on a string that is not valid UTF-8 (the reader checks structure, not the text inside strings).
            problems.Error(ProblemCodes.JsonMalformed, reader.Path, CityRiskJson.NotUtf8Message(ex));
            return null;
        }
        catch (JsonException ex)
        {
            // Only Utf8JsonReader throws JsonException here: the bytes are not well-formed JSON.
            problems.Error(ProblemCodes.JsonMalformed, reader.Path, CityRiskJson.MalformedMessage(ex));
            return null;
        }
    }

    private List<T> ReadArray<T>(ElementReader<T> element, string? expected = null)
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid(expected ?? $"Expected an array, not {Describe(_reader.TokenType)}.");
        }

        var items = new List<T>();
        Next();
        while (_reader.TokenType != JsonTokenType.EndArray)
        {
            _path.PushIndex(items.Count);
            items.Add(element(ref this));
            _path.Pop();
            Next();
        }

        return items;
    }

    private List<string> ReadStrings() => ReadArray(static (ref StrictJsonReader r) => r.ReadString());

    private string ReadString() => _reader.TokenType == JsonTokenType.String
        ? _reader.GetString()!
        : throw Invalid($"Expected a string, not {Describe(_reader.TokenType)}.");

    private string? ReadNullableString() => ReadNullable() ? null : ReadString();

    private bool ReadNullable() => _reader.TokenType == JsonTokenType.Null;

    private TEnum ReadEnum<TEnum>()
        where TEnum : struct, Enum
    {
        if (_reader.TokenType == JsonTokenType.String && !_reader.ValueIsEscaped && EnumNames<TEnum>.TryParse(_reader.ValueSpan, out var value))
        {
            return value;
        }

        if (_reader.TokenType == JsonTokenType.String && _reader.ValueIsEscaped && EnumNames<TEnum>.TryParse(System.Text.Encoding.UTF8.GetBytes(_reader.GetString()!), out value))
        {
            return value;
        }

        throw Invalid($"{(_reader.TokenType == JsonTokenType.String ? $"'{_reader.GetString()}'" : Describe(_reader.TokenType))} is not one of: {EnumNames<TEnum>.List}.");
    }

    private DateTimeOffset ReadDateTime() =>
        _reader.TokenType == JsonTokenType.String && OffsetDateTimeJsonConverter.TryRead(ref _reader, out var value)
            ? value
            : throw Invalid(_reader.TokenType == JsonTokenType.String
                ? $"'{_reader.GetString()}' is not an ISO 8601 date-time with an offset, such as \"2026-11-23T10:00:00+08:00\"."
                : "A date-time must be a string such as \"2026-11-23T10:00:00+08:00\".");

    private DateTimeOffset? ReadNullableDateTime() => ReadNullable() ? null : ReadDateTime();

    private double ReadDouble() => _reader.TokenType == JsonTokenType.Number && _reader.TryGetDouble(out var value) && double.IsFinite(value)
        ? value
        : throw Invalid($"Expected a number, not {Describe(_reader.TokenType)}.");

    private int ReadInt32() => _reader.TokenType == JsonTokenType.Number && _reader.TryGetInt32(out var value)
        ? value
        : throw Invalid($"Expected a whole number (32-bit), not {Describe(_reader.TokenType)}.");

    private bool ReadBoolean() => _reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        var token => throw Invalid($"Expected true or false, not {Describe(token)}."),
    };

    /// <summary>The <c>"v"</c> member: this version of CityRisk JSON.</summary>
    private readonly void ReadVersion()
    {
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt32(out var version) || version != DocumentKinds.Version)
        {
            throw Invalid($"\"v\" is {DocumentKinds.Version} for this version of CityRisk JSON.");
        }
    }

    /// <summary>The <c>"kind"</c> member: the kind being read.</summary>
    private readonly void ReadKind()
    {
        if (_reader.TokenType != JsonTokenType.String || !_reader.ValueTextEquals(_kind))
        {
            throw Invalid($"\"kind\" is \"{_kind}\" for this document.");
        }
    }

    /// <summary>An object of language tags and texts, in the document's order.</summary>
    private LocalizedText ReadLocalizedText()
    {
        const string Expected = "A localized text is an object of language tags and strings, such as {\"zh-Hans\": \"...\", \"en\": \"...\"}.";
        ExpectObject(Expected);
        var entries = new List<KeyValuePair<string, string>>(2);
        Next();
        while (_reader.TokenType != JsonTokenType.EndObject)
        {
            // Language tags are data, not member names: an escaped tag is read as what it spells.
            var language = _reader.GetString()!;
            Next();
            if (_reader.TokenType != JsonTokenType.String)
            {
                throw Invalid(Expected);
            }

            entries.Add(new(language, _reader.GetString()!));
            Next();
        }

        try
        {
            return new LocalizedText(entries);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(ex.Message.Split(" (Parameter")[0]);
        }
    }

    private long ReadInt64() => _reader.TokenType == JsonTokenType.Number && _reader.TryGetInt64(out var value)
        ? value
        : throw Invalid($"Expected a whole number, not {Describe(_reader.TokenType)}.");

    private decimal ReadDecimal() => _reader.TokenType == JsonTokenType.Number && _reader.TryGetDecimal(out var value)
        ? value
        : throw Invalid($"Expected a number, not {Describe(_reader.TokenType)}.");

    private void Next()
    {
        if (!_reader.Read())
        {
            throw new JsonException($"The document ends before the {_kind} does.", null, _reader.CurrentDepth, _reader.BytesConsumed);
        }
    }

    private void ExpectObject(string expected)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid(expected);
        }
    }

    /// <summary>Moves to the next member name and past it to its value; false at the end of the object.</summary>
    private bool NextMember()
    {
        Next();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }

        if (_reader.ValueIsEscaped)
        {
            // Every member name is plain ASCII, so an escaped one ("\u0073cope") is either a trick or a mistake.
            var name = _reader.GetString();
            throw new JsonContractException(ProblemCodes.JsonInvalid, $"{Path}.{name}", $"Member name '{name}' is escaped; CityRisk JSON member names are written plainly.");
        }

        return true;
    }

    private void EnterMember(ref MemberSet members, int member)
    {
        _path.PushName((int)_reader.TokenStartIndex + 1, _reader.ValueSpan.Length);
        if (member < 0)
        {
            throw Invalid($"'{_path.LastName(_json)}' is not a member here; CityRisk JSON has no extension members (check the spelling and the case).");
        }

        if (!members.Add(member))
        {
            throw new JsonContractException(ProblemCodes.JsonMemberRepeated, Path,
                $"'{_path.LastName(_json)}' appears more than once in the same object; readers disagree on which one counts, so a repeated member is refused.");
        }

        Next();
    }

    private readonly JsonContractException Invalid(string message) => new(ProblemCodes.JsonInvalid, Path, message);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The members seen in one object: at most 32, one bit each.</summary>
    private struct MemberSet
    {
        private uint _seen;

        public bool Add(int member)
        {
            var bit = 1u << member;
            var added = (_seen & bit) == 0;
            _seen |= bit;
            return added;
        }

        /// <summary>Refuses an object missing a required member; <paramref name="required"/> names them by position, null for optional.</summary>
        public readonly void ThrowIfMissing(in StrictJsonReader reader, ReadOnlySpan<string?> required)
        {
            List<string>? missing = null;
            for (var i = 0; i < required.Length; i++)
            {
                if (required[i] is { } name && (_seen & (1u << i)) == 0)
                {
                    (missing ??= []).Add(name);
                }
            }

            if (missing is not null)
            {
                throw new JsonContractException(ProblemCodes.JsonInvalid, reader.Path, $"Required member(s) missing: {string.Join(", ", missing)}.");
            }
        }
    }
}
