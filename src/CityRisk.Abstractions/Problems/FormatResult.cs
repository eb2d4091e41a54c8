namespace CityRisk.Problems;

/// <summary>
/// The outcome of reading or writing a document: the value, when one could be made, and every problem found.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <remarks>
/// Readers never stop at the first problem. When <see cref="HasErrors"/> is <see langword="true"/>,
/// <see cref="Value"/> may still hold a partial result (placeholders where required values were missing or
/// malformed) so that tools can show what was understood; do not act on it.
/// </remarks>
public sealed class FormatResult<T>
    where T : class
{
    /// <summary>Creates a result.</summary>
    /// <param name="value">The value, or <see langword="null"/> when none could be made.</param>
    /// <param name="problems">Every problem found, errors and warnings.</param>
    public FormatResult(T? value, IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Value = value;
        Problems = problems;
        HasErrors = problems.HasErrors();
    }

    /// <summary>The value; partial or <see langword="null"/> when <see cref="HasErrors"/> is <see langword="true"/>.</summary>
    public T? Value { get; }

    /// <summary>Every problem found, in document order where there is one.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Whether any problem is an error.</summary>
    public bool HasErrors { get; }

    /// <summary>Whether a value was made and no problem is an error.</summary>
    public bool Succeeded => Value is not null && !HasErrors;
}
