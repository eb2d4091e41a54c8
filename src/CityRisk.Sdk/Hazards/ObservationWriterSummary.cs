namespace CityRisk.Hazards;

/// <summary>What an <see cref="ObservationWriter"/> has sent so far.</summary>
/// <param name="Recorded">Rows the hub stored now.</param>
/// <param name="Duplicates">Rows the hub already had.</param>
/// <param name="Refused">Rows the hub refused (each reported to <see cref="ObservationWriterOptions.Refused"/>).</param>
/// <param name="Batches">Calls made.</param>
public sealed record ObservationWriterSummary(long Recorded, long Duplicates, long Refused, long Batches);
