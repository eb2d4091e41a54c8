namespace CityRisk.Alerts;

/// <summary>Choices for <see cref="CapAlertWriter"/>.</summary>
public sealed class CapWriterOptions
{
    /// <summary>The options used when none are given.</summary>
    public static CapWriterOptions Default { get; } = new();

    /// <summary>Whether to indent elements for people to read. Default <see langword="true"/>.</summary>
    public bool Indent { get; init; } = true;

    /// <summary>
    /// Whether to validate the alert first and refuse it with its errors (default). When false, only what CAP cannot
    /// express (a polygon with holes, a fraction of a second, a value outside a CAP or CityRisk code list) is refused,
    /// because writing it would silently lose or invent data; the receiver judges the rest.
    /// </summary>
    public bool Validate { get; init; } = true;
}
