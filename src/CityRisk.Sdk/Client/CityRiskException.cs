using System.Globalization;
using System.Text;
using CityRisk.Problems;
using CityRisk.Protocol;
using Grpc.Core;

namespace CityRisk.Client;

/// <summary>
/// A call to a hub failed, or a message was refused before it was sent (client-side validation fails with the same
/// status and problems the hub would return). Carries the status, a stable error code and every problem found.
/// Misuse of the API (a null argument, a contradictory option) is an <see cref="ArgumentException"/> instead.
/// </summary>
public class CityRiskException : Exception
{
    /// <summary>Creates an exception with a status and a message.</summary>
    /// <param name="statusCode">Why the call failed.</param>
    /// <param name="message">What happened, for a person.</param>
    public CityRiskException(StatusCode statusCode, string message)
        : this(statusCode, message, [], null)
    {
    }

    /// <summary>Creates an exception with a status, a message, the problems found and the underlying exception.</summary>
    /// <param name="statusCode">Why the call failed.</param>
    /// <param name="message">What happened, for a person.</param>
    /// <param name="problems">Every problem found (for <see cref="StatusCode.InvalidArgument"/>).</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CityRiskException(StatusCode statusCode, string message, IReadOnlyList<Problem>? problems, Exception? innerException = null)
        : base(Describe(statusCode, message, problems ?? []), innerException)
    {
        StatusCode = statusCode;
        Detail = message;
        Problems = problems ?? [];
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What happened, for a person.</param>
    public CityRiskException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    /// <summary>Creates an exception with a message and the underlying exception.</summary>
    /// <param name="message">What happened, for a person.</param>
    /// <param name="innerException">The underlying failure.</param>
    public CityRiskException(string message, Exception innerException)
        : this(StatusCode.Unknown, message, [], innerException)
    {
    }

    /// <summary>Creates an exception without details.</summary>
    public CityRiskException()
        : this(StatusCode.Unknown, "The call failed.")
    {
    }

    /// <summary>Why the call failed.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The status as a stable, upper-case code: <c>INVALID_ARGUMENT</c>, <c>NOT_FOUND</c> ...</summary>
    public string ErrorCode => ToErrorCode(StatusCode);

    /// <summary>The hub's (or the client's) description of the failure, without the problems.</summary>
    public string Detail { get; }

    /// <summary>Every problem found, with its stable code and path (docs/errors.md); empty when there are none.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>For a subscriber cut off for falling behind: the cursor to resume from; null otherwise.</summary>
    public long? ResumeCursor { get; init; }

    private static string ToErrorCode(StatusCode status) => StatusNames.Of(status);

    private static string Describe(StatusCode status, string message, IReadOnlyList<Problem> problems)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{ToErrorCode(status)}: {message}");
        foreach (var problem in problems)
        {
            text.AppendLine();
            text.Append(CultureInfo.InvariantCulture, $"  {problem.Severity.ToString().ToLowerInvariant()} {problem.Code} at {(problem.Path.Length == 0 ? "(document)" : problem.Path)}: {problem.Message}");
        }

        return text.ToString();
    }
}
