using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk;

/// <summary>
/// The CityRisk JSON codec of an entity contract (hazard, observation, incident, the pooling kinds): read through the
/// source-generated serializer with the strict reader's rules (docs/formats.md), validated by the kind's validator,
/// written compact. Each kind's codec (<c>JsonHazardCodec</c> ...) is this with its kind and validator.
/// </summary>
/// <typeparam name="T">The contract type.</typeparam>
public abstract class JsonContractCodec<T> : DocumentCodec<T>
    where T : class
{
    private readonly JsonCodecReaders _readers;
    private readonly Func<T, IReadOnlyList<Problem>> _validate;
    private readonly StrictJsonReader.DocumentReader<T>? _handWritten;

    private protected JsonContractCodec(string kind, Func<T, IReadOnlyList<Problem>> validate, CityRiskJsonReaderOptions? reader)
        : this(kind, validate, reader, null)
    {
    }

    /// <summary>A codec whose documents are read by a hand-written reader held to the serializer's contract (docs/performance.md).</summary>
    private protected JsonContractCodec(string kind, Func<T, IReadOnlyList<Problem>> validate, CityRiskJsonReaderOptions? reader, StrictJsonReader.DocumentReader<T>? handWritten)
        : base(kind, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(kind))
    {
        _readers = new JsonCodecReaders(reader);
        _validate = validate;
        _handWritten = handWritten;
    }

    /// <inheritdoc/>
    public sealed override FormatResult<T> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read(document, Kind, _readers.For(validate), _validate, _handWritten);

    /// <inheritdoc/>
    public sealed override FormatResult<byte[]> Write(T document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? _validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
