namespace CityRisk.Json;

/// <summary>Limits and choices for reading CityRisk JSON.</summary>
public sealed class CityRiskJsonReaderOptions
{
    /// <summary>The options used when none are given.</summary>
    public static CityRiskJsonReaderOptions Default { get; } = new();

    /// <summary>The largest document accepted, in bytes. Default 1 MiB.</summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>Whether to validate the contract's rules after reading, so one call reports every problem. Default <see langword="true"/>.</summary>
    public bool Validate { get; init; } = true;

    internal void ThrowIfInvalid()
    {
        if (MaxDocumentBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDocumentBytes), MaxDocumentBytes, "MaxDocumentBytes must be positive.");
        }
    }
}
