using System.Globalization;

namespace CityRisk.Wire;

/// <summary>The grpc-timeout header: at most 8 digits and a unit (H, M, S, m milliseconds, u microseconds, n nanoseconds).</summary>
internal static class GrpcTimeout
{
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9)
        {
            return false;
        }

        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        timeout = value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => TimeSpan.MinValue,
        };
        return timeout != TimeSpan.MinValue;
    }

    /// <summary>
    /// Formats a timeout in the coarsest unit that states it exactly in 8 digits ("1500m", "5S"); when none
    /// does, in the finest unit that fits, rounded up so a deadline is never shortened.
    /// </summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }

        var ticks = timeout.Ticks;
        (long PerUnit, char Unit)[] units = [(TimeSpan.TicksPerHour, 'H'), (TimeSpan.TicksPerMinute, 'M'), (TimeSpan.TicksPerSecond, 'S'), (TimeSpan.TicksPerMillisecond, 'm'), (10, 'u'), (1, 'n')];
        foreach (var (perUnit, unit) in units)
        {
            if (ticks % perUnit == 0)
            {
                var amount = unit == 'n' ? ticks * 100 : ticks / perUnit;
                if (amount <= MaxAmount)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{amount}{unit}");
                }
            }
        }

        for (var i = units.Length - 1; i >= 0; i--)
        {
            var (perUnit, unit) = units[i];
            var amount = unit == 'n' ? ticks * 100 : (ticks + perUnit - 1) / perUnit;
            if (amount <= MaxAmount)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{amount}{unit}");
            }
        }

        return "99999999H";
    }

    private const long MaxAmount = 99_999_999;
}
