namespace CityRisk.Json;

/// <summary>
/// The two reader settings a CityRisk JSON codec chooses between on each call (validate or not), with the limits it
/// was given; made once, so a read allocates no options.
/// </summary>
internal sealed class JsonCodecReaders
{
    private readonly CityRiskJsonReaderOptions _validating;
    private readonly CityRiskJsonReaderOptions _notValidating;

    /// <summary>Takes the limits; the defaults when null. Their <c>Validate</c> is replaced by each call's choice.</summary>
    public JsonCodecReaders(CityRiskJsonReaderOptions? limits)
    {
        _validating = new CityRiskJsonReaderOptions { MaxDocumentBytes = limits?.MaxDocumentBytes ?? CityRiskJsonReaderOptions.Default.MaxDocumentBytes };
        _validating.ThrowIfInvalid();
        _notValidating = new CityRiskJsonReaderOptions { MaxDocumentBytes = _validating.MaxDocumentBytes, Validate = false };
    }

    public CityRiskJsonReaderOptions For(bool validate) => validate ? _validating : _notValidating;
}
