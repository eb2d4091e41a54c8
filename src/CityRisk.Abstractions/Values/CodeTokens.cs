namespace CityRisk;

/// <summary>The part of a code-list code a partner may coin: lower-case letters, digits and inner hyphens, 1 to 64 characters.</summary>
internal static class CodeTokens
{
    public static bool IsToken(ReadOnlySpan<char> part)
    {
        if (part.IsEmpty || part.Length > 64 || part[0] == '-' || part[^1] == '-')
        {
            return false;
        }

        foreach (var c in part)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a value is a partner's <c>namespace:code</c>.</summary>
    public static bool IsNamespaced(ReadOnlySpan<char> value)
    {
        var colon = value.IndexOf(':');
        return colon > 0 && colon == value.LastIndexOf(':') && IsToken(value[..colon]) && IsToken(value[(colon + 1)..]);
    }
}
