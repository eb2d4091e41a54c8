namespace CityRisk.Client;

/// <summary>
/// The results of a query, fetched from the hub a page at a time as they are enumerated. Enumerate it for the items,
/// or call <see cref="AsPages"/> to work page by page and keep a continuation token.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class CityRiskPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    /// <summary>For mocking and derived types.</summary>
    protected CityRiskPageable()
    {
    }

    /// <summary>The pages, from the start or after a continuation token.</summary>
    /// <param name="continuationToken">A page's <see cref="CityRiskPage{T}.ContinuationToken"/>; null to start at the beginning.</param>
    /// <param name="pageSizeHint">How many items a page should hold; the hub caps it (at most 1,000). Null for the hub's default.</param>
    public abstract IAsyncEnumerable<CityRiskPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    /// <summary>Every item, page after page.</summary>
    /// <param name="cancellationToken">Cancels the enumeration (in addition to the query's own token).</param>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }
}
