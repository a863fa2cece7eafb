using System.Text;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Market;

public class FixedPointTests
{
    [Theory]
    [InlineData("63943.90", 6394390000000L)]
    [InlineData("0.00056000", 56000L)]
    [InlineData("12", 1200000000L)]
    [InlineData(".5", 50000000L)]
    [InlineData("1.", 100000000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("0.000000010000", 1L)]
    [InlineData("0", 0L)]
    public void Parses_exactly(string text, long expected)
    {
        Assert.True(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out long raw, out string? error), error);
        Assert.Equal(expected, raw);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-1.5", "negative")]
    [InlineData("1.000000001", "more than 8 decimal")]
    [InlineData("1e5", "not a plain decimal")]
    [InlineData("12a", "not a plain decimal")]
    [InlineData(".", "not a number")]
    [InlineData("999999999999", "too large")]
    [InlineData("NaN", "not a plain decimal")]
    public void Refuses_what_is_not_an_exact_unsigned_decimal(string text, string reason)
    {
        Assert.False(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out _, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Round_trips_through_text_and_decimal()
    {
        var rng = new Random(7);
        for (int i = 0; i < 10_000; i++)
        {
            long raw = rng.NextInt64(0, 10_000_000_000_000_000);
            var p = new Price(raw);
            Assert.Equal(p, Price.Parse(p.ToString()));
            Assert.Equal(p, Price.FromDecimal(p.ToDecimal()));
        }
        Assert.Equal("63943.9", Price.Parse("63943.90").ToString());
    }

    [Fact]
    public void Sums_of_sizes_are_exact_where_doubles_are_not()
    {
        Quantity sum = Quantity.Zero;
        for (int i = 0; i < 10; i++) sum += Quantity.Parse("0.1");
        Assert.Equal(Quantity.Parse("1"), sum);
        Assert.NotEqual(1.0, Enumerable.Repeat(0.1, 10).Sum());
    }
}
