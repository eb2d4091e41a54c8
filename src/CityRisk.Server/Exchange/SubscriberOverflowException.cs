namespace CityRisk.Server.Exchange;

/// <summary>A live subscriber's queue overflowed: it resumes after <see cref="ResumeAfter"/>, the last cursor written to it.</summary>
internal sealed class SubscriberOverflowException(long resumeAfter) : Exception($"The subscriber fell behind; resume after cursor {resumeAfter}.")
{
    public long ResumeAfter { get; } = resumeAfter;
}
