namespace CityRisk.Client;

/// <summary>
/// Retries of transient failures: UNAVAILABLE, and DEADLINE_EXCEEDED on idempotent calls (every call of the
/// exchange is: Publish is idempotent on (sender, id), so a retry sends the same message and, if the first attempt
/// was stored after all, gets <c>duplicate</c> back). Exponential backoff with jitter.
/// </summary>
public sealed class CityRiskRetryOptions
{
    /// <summary>How many times a failed call is retried; 0 turns retries off. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry; it doubles with each retry. Default 200 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two attempts. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether delays are randomized so that many clients do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    internal IEnumerable<string> Problems(string path)
    {
        if (MaxRetries is < 0 or > 100)
        {
            yield return $"{path}.MaxRetries is {MaxRetries}; it must be between 0 and 100.";
        }

        if (Delay <= TimeSpan.Zero || Delay > TimeSpan.FromDays(1))
        {
            yield return $"{path}.Delay is {Delay}; it must be positive and at most a day.";
        }

        if (MaxDelay < Delay)
        {
            yield return $"{path}.MaxDelay ({MaxDelay}) must be at least Delay ({Delay}).";
        }
    }
}
