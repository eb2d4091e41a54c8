namespace CityRisk.Client;

/// <summary>One page of a query's results, and the token that continues after it.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class CityRiskPage<T>
    where T : notnull
{
    /// <summary>Creates a page.</summary>
    /// <param name="values">The items, oldest first.</param>
    /// <param name="continuationToken">The token for the next page; null on the last one.</param>
    public CityRiskPage(IReadOnlyList<T> values, string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        ContinuationToken = continuationToken;
    }

    /// <summary>The items of this page, oldest first. A page can be empty and still have a next one.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>Pass to <see cref="CityRiskPageable{T}.AsPages"/> to continue after this page; null when there is no more.</summary>
    public string? ContinuationToken { get; }
}
