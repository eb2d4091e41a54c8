namespace CityRisk;

/// <summary>
/// Equality by content for the contract records, whose lists would otherwise compare by reference: lists element
/// by element (null and empty differ, as an absent CAP element differs from an empty one), date-times by instant
/// and offset.
/// </summary>
internal static class ContentEquality
{
    public static bool Lists<T>(IReadOnlyList<T>? left, IReadOnlyList<T>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Instants(DateTimeOffset? left, DateTimeOffset? right) =>
        left is { } l ? right is { } r && l.EqualsExact(r) : right is null;

    /// <summary>Adds a list's elements to a hash; the count stands for the list, so null and empty differ.</summary>
    public static void AddList<T>(ref HashCode hash, IReadOnlyList<T>? list)
    {
        hash.Add(list?.Count ?? -1);
        if (list is null)
        {
            return;
        }

        foreach (var item in list)
        {
            hash.Add(item);
        }
    }
}
