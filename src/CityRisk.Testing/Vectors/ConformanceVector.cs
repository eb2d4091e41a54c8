using System.Text;
using System.Text.Json;
using CityRisk.Alerts;
using CityRisk.Protocol;

namespace CityRisk.Testing;

/// <summary>
/// A language-neutral publish case (conformance/vectors/*.json, embedded in this package): a document with
/// placeholders for its identifier, CAP sender and sent time, and the problem codes an exchange must refuse it with
/// (none for a valid vector, which must be accepted).
/// </summary>
public sealed record ConformanceVector
{
    /// <summary>The vector's id, also its file name: <c>invalid-cap-polygon-not-closed</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What it is about.</summary>
    public required string Description { get; init; }

    /// <summary>The document's format.</summary>
    public required DocumentFormat Format { get; init; }

    /// <summary>The document with <c>{{identifier}}</c>, <c>{{sender}}</c> and <c>{{sent}}</c> placeholders.</summary>
    public required string Document { get; init; }

    /// <summary>The restriction roles to publish it with (for Restricted documents).</summary>
    public IReadOnlyList<string> RestrictionRoles { get; init; } = [];

    /// <summary>The error codes it must be refused with (INVALID_ARGUMENT, every one in the problems trailer); empty when it must be accepted.</summary>
    public IReadOnlyList<string> ExpectedProblems { get; init; } = [];

    /// <summary>Whether the vector must be accepted.</summary>
    public bool IsValid => ExpectedProblems.Count == 0;

    /// <summary>Every vector embedded in the kit, by id.</summary>
    public static IReadOnlyList<ConformanceVector> All => Embedded.Value;

    private static readonly Lazy<IReadOnlyList<ConformanceVector>> Embedded = new(() =>
    {
        var assembly = typeof(ConformanceVector).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("vectors/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return Parse(memory.ToArray(), n);
            })];
    });

    /// <summary>The document with its placeholders filled in, as UTF-8.</summary>
    /// <param name="identifier">The identifier to publish it under.</param>
    /// <param name="sender">The CAP sender registered for the publisher.</param>
    /// <param name="sent">The sent time.</param>
    public byte[] Render(string identifier, string sender, DateTimeOffset sent) => Encoding.UTF8.GetBytes(Document
        .Replace("{{identifier}}", identifier, StringComparison.Ordinal)
        .Replace("{{sender}}", sender, StringComparison.Ordinal)
        .Replace("{{sent}}", AlertEnvelope.FormatSent(sent), StringComparison.Ordinal));

    /// <summary>Reads one vector file.</summary>
    /// <param name="utf8Json">The file's content.</param>
    /// <param name="source">Its name, for messages.</param>
    /// <exception cref="FormatException">It is not a vector.</exception>
    public static ConformanceVector Parse(byte[] utf8Json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            var root = document.RootElement;
            return new ConformanceVector
            {
                Id = root.GetProperty("id").GetString()!,
                Description = root.GetProperty("description").GetString()!,
                Format = root.GetProperty("format").GetString() switch
                {
                    "cap-xml" => DocumentFormat.CapXml,
                    "cityrisk-json" => DocumentFormat.CityRiskJson,
                    var other => throw new FormatException($"format '{other}' is not cap-xml or cityrisk-json"),
                },
                Document = root.GetProperty("document").GetString()!,
                RestrictionRoles = root.TryGetProperty("restrictionRoles", out var roles) ? [.. roles.EnumerateArray().Select(r => r.GetString()!)] : [],
                ExpectedProblems = [.. root.GetProperty("expectedProblems").EnumerateArray().Select(p => p.GetString()!)],
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{source} is not a conformance vector: {ex.Message}", ex);
        }
    }
}
