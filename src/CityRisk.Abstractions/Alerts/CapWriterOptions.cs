namespace CityRisk.Alerts;

/// <summary>Choices for <see cref="CapAlertWriter"/>.</summary>
public sealed class CapWriterOptions
{
    /// <summary>The options used when none are given.</summary>
    public static CapWriterOptions Default { get; } = new();

    /// <summary>Whether to indent elements for people to read. Default <see langword="true"/>.</summary>
    public bool Indent { get; init; } = true;
}
