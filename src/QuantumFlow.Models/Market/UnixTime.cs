namespace QuantumFlow.Models.Market;

/// <summary>Timestamps are Unix nanoseconds in a long everywhere: exact for every venue's resolution, cheap to compare.</summary>
public static class UnixTime
{
    public const long NanosPerMilli = 1_000_000;
    public const long NanosPerSecond = 1_000_000_000;

    public static long FromMillis(long ms) => ms * NanosPerMilli;

    public static DateTimeOffset ToDateTimeOffset(long ns) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ns / NanosPerMilli).AddTicks(ns % NanosPerMilli / 100);

    public static string Format(long ns) => ToDateTimeOffset(ns).ToString("yyyy-MM-dd HH:mm:ss.fff");

    /// <summary>
    /// A recording's integer timestamp in whatever unit it was written (s, ms, us or ns), to nanoseconds.
    /// The unit is read from the magnitude, valid for any date between 1973 and 2262; false for a value that is not
    /// positive or whose nanoseconds would not fit in a long.
    /// </summary>
    public static bool TryFromAnyUnit(long value, out long ns)
    {
        long factor = value switch
        {
            >= 100_000_000_000_000_000 => 1,            // ns
            >= 100_000_000_000_000 => 1_000,            // us
            >= 100_000_000_000 => NanosPerMilli,        // ms
            _ => NanosPerSecond,                        // s
        };
        ns = value > 0 && value <= long.MaxValue / factor ? value * factor : 0;
        return ns > 0;
    }

    /// <summary>Parses "1786309548.8480508" (decimal seconds) to nanoseconds without going through a double; false past 2262.</summary>
    public static bool TryParseDecimalSeconds(ReadOnlySpan<byte> utf8, out long ns)
    {
        ns = 0;
        long secs = 0;
        int i = 0;
        for (; i < utf8.Length && (uint)(utf8[i] - '0') <= 9; i++) secs = secs * 10 + (utf8[i] - '0');
        if (i == 0 || i > 12 || secs >= long.MaxValue / NanosPerSecond) return false; // past 2262: no nanoseconds in a long
        long frac = 0;
        int digits = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            for (i++; i < utf8.Length && (uint)(utf8[i] - '0') <= 9; i++)
            {
                if (digits < 9) { frac = frac * 10 + (utf8[i] - '0'); digits++; }
            }
        }
        if (i != utf8.Length) return false;
        for (; digits < 9; digits++) frac *= 10;
        ns = secs * NanosPerSecond + frac;
        return true;
    }

    /// <summary>The last year whose every instant fits in a long of Unix nanoseconds (they end in April 2262).</summary>
    public const int LastYear = 2261;

    /// <summary>The largest millisecond count whose nanoseconds fit in a long.</summary>
    public const long MaxMillis = long.MaxValue / NanosPerMilli;

    /// <summary>
    /// Parses an RFC 3339 UTC time with up to nanosecond fractions ("2026-08-09T21:05:48.483587501Z"). Only 1970 to
    /// <see cref="LastYear"/>: a market time before the epoch is wrong, and a later one does not fit in nanoseconds.
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> s, out long ns)
    {
        ns = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
            return false;
        if (!Digits(s[..4], out int year) || !Digits(s.Slice(5, 2), out int month) || !Digits(s.Slice(8, 2), out int day) ||
            !Digits(s.Slice(11, 2), out int hour) || !Digits(s.Slice(14, 2), out int minute) || !Digits(s.Slice(17, 2), out int second))
            return false;
        if (year is < 1970 or > LastYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            return false;
        int i = 19;
        long frac = 0;
        int digits = 0;
        if (i < s.Length && s[i] == '.')
        {
            for (i++; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
            {
                if (digits < 9) { frac = frac * 10 + (s[i] - '0'); digits++; }
            }
        }
        for (; digits < 9; digits++) frac *= 10;
        if (i != s.Length - 1 || s[i] != 'Z') return false;
        long days = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks / TimeSpan.TicksPerDay - 719162; // days since 1970-01-01
        ns = ((days * 24 + hour) * 60 + minute) * 60 * NanosPerSecond + second * NanosPerSecond + frac;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (byte b in s)
        {
            if ((uint)(b - '0') > 9) return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
