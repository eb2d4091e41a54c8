using System.Globalization;
using CityRisk.Hazards;
using CityRisk.Problems;
using WireObservation = CityRisk.Protocol.V1.Observation;
using WireQuality = CityRisk.Protocol.V1.ObservationQuality;

namespace CityRisk.Protocol;

/// <summary>
/// Observations on the wire (<c>cityrisk.v1.Observation</c>) and as the contract's <see cref="Observation"/>: one
/// conversion for clients and hubs, so both read <c>observed_at</c> and the quality the same way.
/// </summary>
public static class ObservationMessages
{
    /// <summary>An observation's wire form.</summary>
    /// <param name="observation">The observation.</param>
    /// <returns>The message.</returns>
    public static WireObservation ToWire(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new WireObservation
        {
            HazardOwner = observation.HazardOwner,
            HazardId = observation.HazardId,
            IndicatorId = observation.IndicatorId,
            ObservedAt = FormatTime(observation.ObservedAt),
            Value = observation.Value,
            Unit = observation.Unit ?? string.Empty,
            Quality = (WireQuality)(int)observation.Quality,
            SensorId = observation.SensorId ?? string.Empty,
        };
    }

    /// <summary>
    /// Reads an observation's wire form: its observed-at (RFC 3339 with an offset) and quality, with a problem for
    /// each that cannot be read (paths are the .proto field names). The rest is checked by <see cref="ObservationValidator"/>.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="observation">The observation, when it could be read.</param>
    /// <param name="problems">What could not be read; empty when <paramref name="observation"/> is set.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryFromWire(WireObservation message, out Observation? observation, out IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<Problem>? found = null;
        if (!TryParseTime(message.ObservedAt, out var observedAt))
        {
            (found ??= []).Add(Problem.Error(ProblemCodes.ObservationTimeInvalid, "observed_at",
                $"'{message.ObservedAt}' is not an RFC 3339 date-time with an offset, such as 2026-11-23T14:05:12+08:00."));
        }

        if (!Enum.IsDefined(message.Quality))
        {
            (found ??= []).Add(Problem.Error(ProblemCodes.ObservationQualityUnknown, "quality", $"Quality {(int)message.Quality} is not defined; use 0 (good), 1 (suspect) or 2 (bad)."));
        }

        problems = found ?? [];
        observation = found is not null ? null : new Observation
        {
            HazardOwner = message.HazardOwner,
            HazardId = message.HazardId,
            IndicatorId = message.IndicatorId,
            ObservedAt = observedAt,
            Value = message.Value,
            Unit = message.Unit.Length == 0 ? null : message.Unit,
            Quality = (ObservationQuality)(int)message.Quality,
            SensorId = message.SensorId.Length == 0 ? null : message.SensorId,
        };
        return observation is not null;
    }

    /// <summary>RFC 3339 with the original offset, and a fraction of a second only when there is one.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The text, such as <c>2026-11-23T14:05:12.25+08:00</c>.</returns>
    public static string FormatTime(DateTimeOffset value)
    {
        // By hand: sensors send many, and a format string costs more than the rest of the conversion.
        Span<char> text = stackalloc char[33];
        var local = value.DateTime;
        var at = 0;
        Digits(text, ref at, local.Year, 4);
        text[at++] = '-';
        Digits(text, ref at, local.Month, 2);
        text[at++] = '-';
        Digits(text, ref at, local.Day, 2);
        text[at++] = 'T';
        Digits(text, ref at, local.Hour, 2);
        text[at++] = ':';
        Digits(text, ref at, local.Minute, 2);
        text[at++] = ':';
        Digits(text, ref at, local.Second, 2);
        var fraction = (int)(local.Ticks % TimeSpan.TicksPerSecond);
        if (fraction > 0)
        {
            text[at++] = '.';
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            Digits(text, ref at, fraction, digits);
        }

        var offset = (int)value.Offset.TotalMinutes;
        text[at++] = offset < 0 ? '-' : '+';
        offset = Math.Abs(offset);
        Digits(text, ref at, offset / 60, 2);
        text[at++] = ':';
        Digits(text, ref at, offset % 60, 2);
        return new string(text[..at]);
    }

    /// <summary>
    /// Reads an RFC 3339 date-time that has an offset (or <c>Z</c>), keeping the offset: <c>YYYY-MM-DDTHH:MM:SS</c>,
    /// an optional fraction of a second (digits beyond the seventh are dropped), then <c>Z</c> or <c>+HH:MM</c> /
    /// <c>-HH:MM</c>. <c>t</c> and <c>z</c> may be lower case; a leap second (60) cannot be represented and is refused.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryParseTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20)
        {
            return false;
        }

        var s = text.AsSpan();
        if (!Number(s, 0, 4, out var year) || s[4] != '-' || !Number(s, 5, 2, out var month) || s[7] != '-' || !Number(s, 8, 2, out var day)
            || (s[10] is not ('T' or 't')) || !Number(s, 11, 2, out var hour) || s[13] != ':' || !Number(s, 14, 2, out var minute) || s[16] != ':'
            || !Number(s, 17, 2, out var second))
        {
            return false;
        }

        var at = 19;
        long fractionTicks = 0;
        if (s[at] == '.')
        {
            var digits = 0;
            at++;
            while (at < s.Length && s[at] is >= '0' and <= '9')
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (s[at] - '0');
                }

                digits++;
                at++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (var pad = digits; pad < 7; pad++)
            {
                fractionTicks *= 10;
            }
        }

        TimeSpan offset;
        if (at == s.Length - 1 && s[at] is 'Z' or 'z')
        {
            offset = TimeSpan.Zero;
        }
        else if (at == s.Length - 6 && s[at] is '+' or '-' && Number(s, at + 1, 2, out var offsetHours) && s[at + 3] == ':' && Number(s, at + 4, 2, out var offsetMinutes)
            && offsetMinutes < 60 && (offsetHours * 60) + offsetMinutes <= 14 * 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (s[at] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> text, int start, int length, out int number)
    {
        number = 0;
        for (var i = start; i < start + length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }

            number = (number * 10) + (text[i] - '0');
        }

        return true;
    }

    private static void Digits(Span<char> text, ref int at, int number, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            text[at + i] = (char)('0' + (number % 10));
            number /= 10;
        }

        at += width;
    }

    /// <summary>A validator's JSON path (<c>$.hazardId</c>) as the wire field's name (<c>hazard_id</c>).</summary>
    /// <param name="jsonPath">The JSON path.</param>
    /// <returns>The .proto field name.</returns>
    public static string WireFieldOf(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        var name = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
