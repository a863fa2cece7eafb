using System.Globalization;

namespace QuantumFlow.Models.Market;

/// <summary>
/// Exact decimal numbers as 64-bit integers with eight fractional digits. Exchanges send prices and sizes as decimal
/// strings with at most eight decimals (Binance, Coinbase), so a scale of 1e8 holds every value they send without loss,
/// up to about 92 billion, and compares and hashes as fast as a long.
/// </summary>
public static class FixedPoint
{
    public const int Decimals = 8;
    public const long Scale = 100_000_000;

    /// <summary>Parses an unsigned decimal string ("63943.90", "0.00056000", "12") without loss.</summary>
    /// <returns>false with a reason when the text is empty, signed, not a plain decimal, too precise or too large.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long raw, out string? error)
    {
        raw = 0;
        if (utf8.IsEmpty) { error = "empty number"; return false; }
        if (utf8[0] == (byte)'-') { error = "negative value"; return false; }
        long whole = 0;
        int i = 0;
        int intDigits = 0;
        for (; i < utf8.Length; i++)
        {
            uint d = (uint)(utf8[i] - '0');
            if (d > 9) break;
            if (++intDigits > 11) { error = "value too large"; return false; }
            whole = whole * 10 + d;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            i++;
            for (; i < utf8.Length; i++)
            {
                uint d = (uint)(utf8[i] - '0');
                if (d > 9) break;
                if (fracDigits < Decimals) { frac = frac * 10 + d; fracDigits++; }
                else if (d != 0) { error = "more than 8 decimal places"; return false; }
            }
            if (fracDigits == 0 && intDigits == 0) { error = "not a number"; return false; }
        }
        if (i != utf8.Length || (intDigits == 0 && fracDigits == 0)) { error = "not a plain decimal number"; return false; }
        for (int k = fracDigits; k < Decimals; k++) frac *= 10;
        if (whole > (long.MaxValue - frac) / Scale) { error = "value too large"; return false; }
        raw = whole * Scale + frac;
        error = null;
        return true;
    }

    public static long Parse(string text)
    {
        Span<byte> buf = stackalloc byte[64];
        int n = System.Text.Encoding.UTF8.GetBytes(text.AsSpan(0, Math.Min(text.Length, 64)), buf);
        if (text.Length > 64) throw new FormatException($"'{text[..20]}...' is too long for a number");
        if (!TryParse(buf[..n], out long raw, out string? error))
            throw new FormatException($"'{text}' is not an exact non-negative decimal: {error}");
        return raw;
    }

    public static long FromDecimal(decimal value)
    {
        decimal scaled = value * Scale;
        if (scaled != decimal.Truncate(scaled)) throw new ArgumentException($"{value} has more than {Decimals} decimal places");
        return (long)scaled;
    }

    public static decimal ToDecimal(long raw) => raw / (decimal)Scale;

    public static double ToDouble(long raw) => raw / (double)Scale;

    public static string Format(long raw)
    {
        string s = ToDecimal(raw).ToString(CultureInfo.InvariantCulture);
        if (s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
        return s;
    }
}
