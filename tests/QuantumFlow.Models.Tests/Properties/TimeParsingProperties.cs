using System.Globalization;
using System.Text;
using CsCheck;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Properties;

/// <summary>
/// Venue times are parsed without the framework's date parser, so the framework is the oracle: any digits in the
/// shape of an RFC 3339 time either parse to what <see cref="DateTimeOffset"/> reads, or are refused with false, never
/// an exception (a fuzzer found year 0 throwing out of the Coinbase parsers). Decimal seconds and integer stamps likewise.
/// </summary>
public sealed class TimeParsingProperties
{
    private static Gen<string> Two(int low, int high) => Gen.Int[low, high].Select(v => v.ToString("D2", CultureInfo.InvariantCulture));

    // Mostly near the edges of each field, so that valid times are common and every refusal is reached too.
    private static readonly Gen<string> IsoShaped = Gen.Select(Gen.OneOf(Gen.Int[0, 9999], Gen.Int[1965, 2265]), Two(0, 13), Two(0, 32), Two(0, 24), Two(0, 60), Two(0, 61),
            Gen.Int[0, 12].Select(n => new string('7', n)))
        .Select((y, mo, d, h, mi, s, frac) => $"{y:D4}-{mo}-{d}T{h}:{mi}:{s}{(frac.Length > 0 ? "." + frac : "")}Z");

    [Fact]
    public void Any_rfc3339_shaped_time_parses_as_the_framework_reads_it_or_is_refused()
    {
        int valid = 0;
        IsoShaped.Sample(text =>
        {
            bool parsed = UnixTime.TryParseIso(Encoding.ASCII.GetBytes(text), out long ns);
            // A leap second (:60) is the next minute's first; the framework reads only 00-59.
            int second = int.Parse(text[17..19], CultureInfo.InvariantCulture);
            bool framework = DateTimeOffset.TryParseExact(text[..17] + (second == 60 ? "59" : text[17..19]), "yyyy-MM-dd'T'HH:mm:ss",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) && second <= 60 && t.Year is >= 1970 and <= UnixTime.LastYear;
            if (parsed != framework) return false;
            if (!parsed) return true;
            Interlocked.Increment(ref valid);
            string digits = text.Length > 20 ? text[20..^1] : "";
            long fraction = long.Parse(digits.Length > 9 ? digits[..9] : digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
            return ns == (t.ToUnixTimeSeconds() + (second == 60 ? 1 : 0)) * UnixTime.NanosPerSecond + fraction;
        }, iter: 20_000);
        Assert.True(valid > 1_000, $"only {valid} valid times were generated");
    }

    [Fact]
    public void Any_decimal_seconds_parse_exactly_or_are_refused() =>
        Gen.Select(Gen.OneOf(Gen.Long[0, 9_300_000_000], Gen.Long[0, 999_999_999_999]), Gen.Int[0, 12]).Sample((seconds, digits) =>
        {
            string fraction = new string('3', digits);
            string text = digits > 0 ? $"{seconds}.{fraction}" : seconds.ToString(CultureInfo.InvariantCulture);
            bool parsed = UnixTime.TryParseDecimalSeconds(Encoding.ASCII.GetBytes(text), out long ns);
            bool fits = seconds < long.MaxValue / UnixTime.NanosPerSecond;
            if (parsed != fits) return false;
            return !parsed || ns == seconds * UnixTime.NanosPerSecond + long.Parse((fraction.Length > 9 ? fraction[..9] : fraction).PadRight(9, '0'), CultureInfo.InvariantCulture);
        }, iter: 20_000);

    [Fact]
    public void Any_integer_stamp_gives_positive_nanoseconds_or_is_refused() =>
        Gen.Long.Sample(value =>
        {
            bool read = UnixTime.TryFromAnyUnit(value, out long ns);
            return read ? ns >= value && ns > 0 : value <= 0 || ns == 0;
        }, iter: 20_000);
}
