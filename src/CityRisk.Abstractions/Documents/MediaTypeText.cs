namespace CityRisk;

/// <summary>A media type split into its type and parameters (RFC 9110, section 8.3.1), leniently: no error, only no match.</summary>
internal readonly record struct MediaTypeText(string Type, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public static MediaTypeText Parse(string mediaType)
    {
        var parts = mediaType.Split(';');
        var parameters = new List<KeyValuePair<string, string>>(parts.Length - 1);
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=');
            if (equals > 0)
            {
                parameters.Add(new(part[..equals].Trim(), part[(equals + 1)..].Trim().Trim('"')));
            }
        }

        return new MediaTypeText(parts[0].Trim(), parameters);
    }

    /// <summary>The value of a parameter (its name compared case-insensitively), or null; the first wins when repeated.</summary>
    public string? Parameter(string name)
    {
        foreach (var (key, value) in Parameters)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
