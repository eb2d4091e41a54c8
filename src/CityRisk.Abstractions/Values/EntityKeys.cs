namespace CityRisk;

/// <summary>
/// The syntax of an entity id (docs/protocol.md §3.4): 1 to 128 characters, ASCII letters, digits and <c>. _ - :</c>,
/// so ids travel unchanged through URLs, file names, CSV files and every language's string type.
/// </summary>
public static class EntityKeys
{
    /// <summary>The longest entity id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Whether a string is a valid entity id.</summary>
    /// <param name="id">The id.</param>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id!.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
