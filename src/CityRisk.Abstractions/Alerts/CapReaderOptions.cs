namespace CityRisk.Alerts;

/// <summary>Limits and choices for <see cref="CapAlertReader"/>.</summary>
public sealed class CapReaderOptions
{
    /// <summary>The options used when none are given.</summary>
    public static CapReaderOptions Default { get; } = new();

    /// <summary>The largest document accepted, in bytes. Default 1 MiB; CAP alerts are typically a few kilobytes.</summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest element nesting accepted. Default 32; CAP itself needs 5, XML signatures about 7.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Whether to run <see cref="AlertValidator"/> after reading, so one call reports every problem. Default <see langword="true"/>.</summary>
    public bool Validate { get; init; } = true;

    internal void ThrowIfInvalid()
    {
        if (MaxDocumentBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDocumentBytes), MaxDocumentBytes, "MaxDocumentBytes must be positive.");
        }

        if (MaxDepth < 5)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be at least 5, the depth CAP itself needs.");
        }
    }
}
