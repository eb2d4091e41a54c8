using System.Globalization;
using System.Text;
using CityRisk.Geo;

namespace CityRisk.Alerts;

/// <summary>CAP's text forms: <c>lat,lon</c> coordinates, polygons, circles and space-delimited lists.</summary>
internal static class CapText
{
    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n'];

    /// <summary>Parses a polygon's <c>lat,lon lat,lon ...</c>; the points that cannot be read are reported by index.</summary>
    public static List<GeoPoint> ParsePolygon(string text, List<string> badPairs)
    {
        var points = new List<GeoPoint>();
        foreach (var pair in text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParsePoint(pair, out var point))
            {
                points.Add(point);
            }
            else
            {
                badPairs.Add(pair);
            }
        }

        return points;
    }

    /// <summary>Parses a circle's <c>lat,lon radius</c>.</summary>
    public static bool TryParseCircle(string text, out GeoCircle? circle)
    {
        circle = null;
        var parts = text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !TryParsePoint(parts[0], out var center) || !TryParseNumber(parts[1], out var radius))
        {
            return false;
        }

        circle = new GeoCircle(center, radius);
        return true;
    }

    public static string FormatPolygon(IReadOnlyList<GeoPoint> ring)
    {
        var builder = new StringBuilder(ring.Count * 20);
        foreach (var point in ring)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            AppendPoint(builder, point);
        }

        return builder.ToString();
    }

    public static string FormatCircle(GeoCircle circle)
    {
        var builder = new StringBuilder(32);
        AppendPoint(builder, circle.Center);
        builder.Append(' ').Append(circle.RadiusKm.ToString("R", CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>Splits CAP's space-delimited list, where values with spaces are enclosed in double quotes.</summary>
    public static bool TrySplitList(string text, out List<string> values)
    {
        values = [];
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    return false;
                }

                values.Add(text[(i + 1)..end]);
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            values.Add(text[start..i]);
        }

        return true;
    }

    public static string JoinList(IEnumerable<string> values) =>
        string.Join(' ', values.Select(v => v.Length == 0 || v.AsSpan().IndexOfAny(Whitespace) >= 0 ? $"\"{v}\"" : v));

    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private static bool TryParsePoint(string pair, out GeoPoint point)
    {
        point = default;
        var comma = pair.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || comma != pair.LastIndexOf(',')
            || !TryParseNumber(pair[..comma], out var latitude) || !TryParseNumber(pair[(comma + 1)..], out var longitude))
        {
            return false;
        }

        point = new GeoPoint(longitude, latitude);
        return true;
    }

    private static void AppendPoint(StringBuilder builder, GeoPoint point) =>
        builder.Append(point.Latitude.ToString("R", CultureInfo.InvariantCulture))
            .Append(',')
            .Append(point.Longitude.ToString("R", CultureInfo.InvariantCulture));
}
