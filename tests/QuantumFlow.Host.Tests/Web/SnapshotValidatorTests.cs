using QuantumFlow.Host.Web.Scoring;

namespace QuantumFlow.Host.Tests.Web;

public sealed class SnapshotValidatorTests
{
    [Fact]
    public void A_valid_snapshot_becomes_exact_levels()
    {
        var (levels, errors) = SnapshotValidator.Validate(new SnapshotRequest("binance:BTCUSDT", [[100.5m, 1.25m]], [[100.6m, 0.00000001m]]));
        Assert.Empty(errors);
        Assert.Equal(2, levels!.Length);
        Assert.Equal(100.5m, levels[0].Price.ToDecimal());
        Assert.Equal(0.00000001m, levels[1].Quantity.ToDecimal());
    }

    [Theory]
    [InlineData("bids", "[price, size]", 1)]
    [InlineData("bids[0]", "at most 8 decimals", 2)]
    [InlineData("asks[1]", "appears twice", 3)]
    public void Each_problem_names_where_it_is(string field, string says, int which)
    {
        SnapshotRequest request = which switch
        {
            1 => new SnapshotRequest("s", [[1m]], [[2m, 1m]]),
            2 => new SnapshotRequest("s", [[1.000000001m, 1m]], [[2m, 1m]]),
            _ => new SnapshotRequest("s", [[1m, 1m]], [[2m, 1m], [2m, 3m]]),
        };
        var (levels, errors) = SnapshotValidator.Validate(request);
        Assert.Null(levels);
        Assert.Contains(errors.Keys, k => k.StartsWith(field, StringComparison.Ordinal));
        Assert.Contains(errors.Values.SelectMany(v => v), m => m.Contains(says));
    }

    [Fact]
    public void Too_many_levels_are_refused()
    {
        decimal[][] many = Enumerable.Range(1, SnapshotValidator.MaxLevels + 1).Select(i => new[] { (decimal)i, 1m }).ToArray();
        var (levels, errors) = SnapshotValidator.Validate(new SnapshotRequest("s", many, [[5000m, 1m]]));
        Assert.Null(levels);
        Assert.Contains("at most 1000", errors["bids"][0]);
    }
}
