using System.Runtime.CompilerServices;

namespace CityRisk.Client;

/// <summary>A pageable whose pages come from a function of (continuation token, page size).</summary>
internal sealed class FunctionPageable<T>(Func<string?, int?, CancellationToken, Task<CityRiskPage<T>>> fetch, CancellationToken cancellationToken) : CityRiskPageable<T>
    where T : notnull
{
    public override IAsyncEnumerable<CityRiskPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        if (pageSizeHint is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSizeHint), pageSizeHint, "A page holds at least one item.");
        }

        return Pages(continuationToken, pageSizeHint, default);
    }

    private async IAsyncEnumerable<CityRiskPage<T>> Pages(string? token, int? pageSize, [EnumeratorCancellation] CancellationToken enumeration)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeration);
        do
        {
            var page = await fetch(token, pageSize, linked.Token).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
