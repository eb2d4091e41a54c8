using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using CityRisk.Json;

namespace CityRisk;

/// <summary>
/// A text in several languages keyed by language tag (<c>zh-Hans</c>, <c>zh-Hant</c>, <c>pt</c>, <c>en</c>).
/// In JSON it is an object: <c>{"zh-Hans": "台风", "en": "Typhoon"}</c>.
/// </summary>
/// <remarks>Alerts carry languages the CAP way, one info block per language; the other contracts use this type.</remarks>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private readonly KeyValuePair<string, string>[] _entries;

    /// <summary>Creates a text from language/text pairs, in the order given.</summary>
    /// <param name="entries">The language tags and texts; tags must be unique (case-insensitively) and non-empty.</param>
    /// <exception cref="ArgumentException">A tag is empty or repeated, or a text is null.</exception>
    public LocalizedText(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, text) in _entries)
        {
            if (string.IsNullOrWhiteSpace(language))
            {
                throw new ArgumentException("A language tag is empty.", nameof(entries));
            }

            if (!seen.Add(language))
            {
                throw new ArgumentException($"The language '{language}' appears twice.", nameof(entries));
            }

            if (text is null)
            {
                throw new ArgumentException($"The text for '{language}' is null.", nameof(entries));
            }
        }
    }

    /// <summary>The language tags and texts, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>Creates a text in one language.</summary>
    /// <param name="language">The language tag.</param>
    /// <param name="text">The text.</param>
    /// <returns>The localized text.</returns>
    public static LocalizedText Of(string language, string text) => new([new(language, text)]);

    /// <summary>
    /// Finds the text for a language: an exact tag first, then the same primary language
    /// (<c>zh-Hant</c> for <c>zh-Hant-MO</c>, <c>zh-Hans</c> for <c>zh</c>).
    /// </summary>
    /// <param name="language">The wanted language tag.</param>
    /// <param name="text">The text found.</param>
    /// <returns>Whether a text was found.</returns>
    public bool TryGet(string language, [NotNullWhen(true)] out string? text)
    {
        ArgumentNullException.ThrowIfNull(language);
        string? prefixMatch = null, primaryMatch = null;
        var prefixLength = 0;
        var primary = PrimaryTag(language);
        foreach (var (tag, value) in _entries)
        {
            if (string.Equals(tag, language, StringComparison.OrdinalIgnoreCase))
            {
                text = value;
                return true;
            }

            // zh-Hant serves zh-Hant-MO better than zh-Hans does: the longest leading subtags win.
            if (tag.Length > prefixLength && language.StartsWith(tag + "-", StringComparison.OrdinalIgnoreCase))
            {
                (prefixMatch, prefixLength) = (value, tag.Length);
            }

            if (primaryMatch is null && string.Equals(PrimaryTag(tag), primary, StringComparison.OrdinalIgnoreCase))
            {
                primaryMatch = value;
            }
        }

        text = prefixMatch ?? primaryMatch;
        return text is not null;
    }

    /// <summary>The text for a language, falling back to the first entry when none matches.</summary>
    /// <param name="language">The wanted language tag.</param>
    /// <returns>The best text, or an empty string when there are no entries.</returns>
    public string Get(string language) =>
        TryGet(language, out var text) ? text : _entries.Length > 0 ? _entries[0].Value : string.Empty;

    /// <inheritdoc/>
    public bool Equals(LocalizedText? other) =>
        other is not null && _entries.SequenceEqual(other._entries);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var entry in _entries)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" / ", _entries.Select(e => $"{e.Key}: {e.Value}"));

    private static string PrimaryTag(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? tag : tag[..dash];
    }
}
