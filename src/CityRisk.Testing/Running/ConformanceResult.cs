namespace CityRisk.Testing;

/// <summary>One check's result: its outcome, and for a failure what was expected and what came back.</summary>
/// <param name="Check">The check.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">For a failure, "expected ...; got ..."; for a skip, the reason; empty for a pass.</param>
/// <param name="Duration">How long it ran.</param>
public sealed record ConformanceResult(ConformanceCheck Check, ConformanceOutcome Outcome, string Message, TimeSpan Duration);
