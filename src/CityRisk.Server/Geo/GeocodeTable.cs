using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityRisk.Server.Geo;

/// <summary>
/// GB/T 2260 codes to shapes, so an area given only by geocode can be matched against a subscription's area.
/// A code without its own shape uses its city's (<c>440605</c> -> <c>440600</c>), then its province's
/// (<c>440000</c>): coarse, but it errs towards delivering rather than missing.
/// </summary>
internal sealed class GeocodeTable
{
    private readonly Dictionary<string, Geometry> _shapes;

    private GeocodeTable(Dictionary<string, Geometry> shapes) => _shapes = shapes;

    public int Count => _shapes.Count;

    /// <summary>The built-in table, loaded once.</summary>
    public static GeocodeTable Default => DefaultTable.Value;

    private static readonly Lazy<GeocodeTable> DefaultTable = new(() => Load());

    /// <summary>The table shipped with the hub (the divisions in the CityRisk design), plus an optional file that adds or replaces entries.</summary>
    public static GeocodeTable Load(string? extraFile = null)
    {
        var shapes = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        using (var resource = typeof(GeocodeTable).Assembly.GetManifestResourceStream("CityRisk.Server.Geo.geocodes.json")
            ?? throw new InvalidOperationException("The built-in geocode table is missing from the assembly."))
        {
            Read(JsonDocument.Parse(resource), "built-in geocode table", shapes);
        }

        if (extraFile is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(extraFile));
                Read(document, extraFile, shapes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                throw new InvalidOperationException($"Cannot read the geocode table '{extraFile}': {ex.Message}", ex);
            }
        }

        return new GeocodeTable(shapes);
    }

    public Geometry? Resolve(string code)
    {
        if (!Jurisdiction.TryParse(code, out _))
        {
            return null;
        }

        return _shapes.GetValueOrDefault(code)
            ?? _shapes.GetValueOrDefault(string.Concat(code.AsSpan(0, 4), "00"))
            ?? _shapes.GetValueOrDefault(string.Concat(code.AsSpan(0, 2), "0000"));
    }

    private static void Read(JsonDocument document, string source, Dictionary<string, Geometry> shapes)
    {
        if (!document.RootElement.TryGetProperty("shapes", out var entries) || entries.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"The geocode table '{source}' has no \"shapes\" object.");
        }

        foreach (var entry in entries.EnumerateObject())
        {
            if (!Jurisdiction.TryParse(entry.Name, out _))
            {
                throw new InvalidOperationException($"The geocode table '{source}' has '{entry.Name}', which is not a GB/T 2260 code.");
            }

            shapes[entry.Name] = entry.Value.TryGetProperty("bbox", out var box) && box.GetArrayLength() == 4
                ? GeometryBuilder.Box(box[0].GetDouble(), box[1].GetDouble(), box[2].GetDouble(), box[3].GetDouble())
                : entry.Value.TryGetProperty("polygon", out var ring)
                    ? GeometryBuilder.Polygon(ring.EnumerateArray().Select(p => new GeoPointLike(p[0].GetDouble(), p[1].GetDouble())).ToList())
                    : throw new InvalidOperationException($"The geocode table '{source}' entry '{entry.Name}' has neither \"bbox\" [west, south, east, north] nor \"polygon\" [[lon, lat], ...].");
        }
    }
}
