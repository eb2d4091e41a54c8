namespace CityRisk.Client;

/// <summary>
/// How a subscription reconnects after its stream breaks (the hub restarted, the connection failed, or the hub cut
/// off a subscriber that fell behind): exponential backoff with jitter, from the last cursor it delivered.
/// </summary>
public sealed class CityRiskReconnectOptions
{
    /// <summary>The delay before the first reconnection attempt; it doubles with each failed attempt. Default 250 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest delay between two attempts. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many attempts in a row may fail before the subscription gives up with the last error; null (the default)
    /// keeps trying for as long as the caller does not cancel. A delivery resets the count.
    /// </summary>
    public int? MaxAttempts { get; set; }

    internal IEnumerable<string> Problems(string path)
    {
        if (Delay <= TimeSpan.Zero || Delay > TimeSpan.FromHours(1))
        {
            yield return $"{path}.Delay is {Delay}; it must be positive and at most an hour.";
        }

        if (MaxDelay < Delay)
        {
            yield return $"{path}.MaxDelay ({MaxDelay}) must be at least Delay ({Delay}).";
        }

        if (MaxAttempts is < 1)
        {
            yield return $"{path}.MaxAttempts is {MaxAttempts}; it must be at least 1, or unset to keep trying.";
        }
    }
}
