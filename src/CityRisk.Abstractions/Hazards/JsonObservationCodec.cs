using CityRisk.Json;

namespace CityRisk.Hazards;

/// <summary>
/// Observations as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=observation; v=1</c>;
/// schemas/v1/observation.schema.json). Checked alone: the checks against the hazard (indicator, unit) and the clock
/// are the receiver's, with <see cref="ObservationValidator"/>.
/// </summary>
public sealed class JsonObservationCodec : JsonContractCodec<Observation>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonObservationCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Observation, o => ObservationValidator.Validate(o), reader)
    {
    }
}
