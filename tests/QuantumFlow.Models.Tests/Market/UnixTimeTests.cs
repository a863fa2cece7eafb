using System.Text;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Market;

public class UnixTimeTests
{
    [Theory]
    [InlineData(1721347020984480942L, 1721347020984480942L)] // ns (2024 hftbacktest files)
    [InlineData(1680652700423575L, 1680652700423575000L)]    // us (2023 files)
    [InlineData(1680652700423L, 1680652700423000000L)]       // ms
    [InlineData(1680652700L, 1680652700000000000L)]          // s
    public void Reads_the_unit_from_the_magnitude(long value, long expectedNs)
    {
        Assert.True(UnixTime.TryFromAnyUnit(value, out long ns));
        Assert.Equal(expectedNs, ns);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1680652700L)]
    [InlineData(99_999_999_999_999_999L)] // microseconds in the year 5138: nanoseconds past a long
    [InlineData(99_999_999_999_999L)]     // milliseconds likewise
    [InlineData(99_999_999_999L)]         // seconds likewise
    public void Refuses_stamps_whose_nanoseconds_do_not_fit(long value) =>
        Assert.False(UnixTime.TryFromAnyUnit(value, out _));

    [Fact]
    public void Parses_rfc3339_with_nanoseconds()
    {
        Assert.True(UnixTime.TryParseIso("2026-08-09T21:05:48.483587501Z"u8, out long ns));
        Assert.Equal(new DateTimeOffset(2026, 8, 9, 21, 5, 48, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000 + 483_587_501, ns);
        Assert.True(UnixTime.TryParseIso("1970-01-01T00:00:00Z"u8, out long zero));
        Assert.Equal(0, zero);
        Assert.False(UnixTime.TryParseIso("2026-02-30T00:00:00Z"u8, out _));
        Assert.False(UnixTime.TryParseIso("2026-08-09T21:05:48"u8, out _));
        Assert.False(UnixTime.TryParseIso("yesterday"u8, out _));
    }

    [Theory]
    [InlineData("0000-07-19T00:00:00Z")] // no year 0 (a fuzzer's find: it threw instead of answering false)
    [InlineData("1969-12-31T23:59:59Z")] // before the epoch: no market time
    [InlineData("2262-04-12T00:00:00Z")] // past the last nanosecond a long holds
    [InlineData("9999-12-31T23:59:59Z")]
    public void Refuses_years_outside_unix_nanoseconds(string text) =>
        Assert.False(UnixTime.TryParseIso(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Reads_the_last_year_that_fits()
    {
        Assert.True(UnixTime.TryParseIso("2261-12-31T23:59:59.999999999Z"u8, out long ns));
        Assert.Equal(new DateTimeOffset(2261, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000 + 999_999_999, ns);
    }

    [Fact]
    public void Parses_decimal_seconds_without_float_rounding()
    {
        Assert.True(UnixTime.TryParseDecimalSeconds(Encoding.ASCII.GetBytes("1786309548.8480508"), out long ns));
        Assert.Equal(1786309548_848050800L, ns);
        Assert.False(UnixTime.TryParseDecimalSeconds("17x"u8, out _));
    }
}
