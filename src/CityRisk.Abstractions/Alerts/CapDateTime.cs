using System.Globalization;

namespace CityRisk.Alerts;

/// <summary>CAP's date-time: <c>YYYY-MM-DDThh:mm:ss±hh:mm</c>, seconds precision, explicit offset, UTC as <c>-00:00</c>.</summary>
internal static class CapDateTime
{
    /// <summary>Parses CAP 1.1/1.2's strict pattern.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        // 2026-11-23T10:00:00+08:00 is exactly 25 characters.
        if (text.Length != 25 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
            || text[16] != ':' || (text[19] != '+' && text[19] != '-') || text[22] != ':')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || !TryDigits(text, 20, 2, out var offsetHours) || !TryDigits(text, 23, 2, out var offsetMinutes))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59
            || second > 59 || offsetMinutes > 59)
        {
            return false;
        }

        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        if (offset > TimeSpan.FromHours(14))
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, text[19] == '-' ? -offset : offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // The instant falls outside DateTimeOffset's range once the offset is applied (year 1 or 9999).
            return false;
        }
    }

    /// <summary>Parses CAP 1.0's xs:dateTime, which also allows <c>Z</c> and fractional seconds, but requires an offset.</summary>
    public static bool TryParseCap10(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        if (TryParse(text, out value))
        {
            return true;
        }

        var hasOffset = text.Length > 19 && (text[^1] == 'Z' || text[^6] is '+' or '-');
        return hasOffset && DateTimeOffset.TryParseExact(
#if NET
            text,
#else
            text.ToString(),
#endif
            ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out value);
    }

    /// <summary>Whether a value can be written in CAP's pattern (whole seconds, offset in whole minutes).</summary>
    public static bool IsRepresentable(DateTimeOffset value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0 && value.Offset.Ticks % TimeSpan.TicksPerMinute == 0;

    public static string Format(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[25];
        Format(value, buffer);
        return buffer.ToString();
    }

    public static void Format(DateTimeOffset value, Span<char> destination)
    {
        var clock = value.DateTime;
        WriteDigits(destination, 0, 4, clock.Year);
        destination[4] = '-';
        WriteDigits(destination, 5, 2, clock.Month);
        destination[7] = '-';
        WriteDigits(destination, 8, 2, clock.Day);
        destination[10] = 'T';
        WriteDigits(destination, 11, 2, clock.Hour);
        destination[13] = ':';
        WriteDigits(destination, 14, 2, clock.Minute);
        destination[16] = ':';
        WriteDigits(destination, 17, 2, clock.Second);
        var offset = value.Offset;
        // CAP writes UTC as -00:00.
        destination[19] = offset > TimeSpan.Zero ? '+' : '-';
        offset = offset.Duration();
        WriteDigits(destination, 20, 2, offset.Hours);
        destination[22] = ':';
        WriteDigits(destination, 23, 2, offset.Minutes);
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static void WriteDigits(Span<char> destination, int start, int count, int value)
    {
        for (var i = start + count - 1; i >= start; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
