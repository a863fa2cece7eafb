using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Backtest;

public class MetricsTests
{
    [Fact]
    public void Deflated_sharpe_matches_the_worked_example_of_Bailey_and_Lopez_de_Prado()
    {
        // Their section 4 example: 100 trials, variance of the trials' annualized Sharpe 0.5, best annualized Sharpe 2.5,
        // 1250 daily returns, skew -3, kurtosis 10. Per day: SR = 2.5/sqrt(250), V = 0.5/250. They find
        // E[max SR] = 0.1132 per day and DSR = 0.9004.
        double expectedMax = DeflatedSharpe.ExpectedMaximum(100, 0.5 / 250);
        Assert.Equal(0.1132, expectedMax, 4);
        double dsr = DeflatedSharpe.Deflated(2.5 / Math.Sqrt(250), 1250, -3, 10, 100, 0.5 / 250);
        Assert.Equal(0.9004, dsr, 3);
    }

    [Fact]
    public void Normal_quantiles_and_cdf_are_accurate()
    {
        Assert.Equal(2.326348, NormalDistribution.InverseCdf(0.99), 5);
        Assert.Equal(-1.959964, NormalDistribution.InverseCdf(0.025), 5);
        Assert.Equal(0.975, NormalDistribution.Cdf(1.959964), 6);
        Assert.Equal(0.5, NormalDistribution.Cdf(0), 7);
    }

    [Fact]
    public void Sharpe_is_annualized_from_the_sampling_period_not_per_event_and_only_over_a_day_or_more()
    {
        // P&L +10, -5, +10, -5 ... on a 1000-second clock (100 samples: 27.8 h), capital 1000.
        var samples = new List<EquitySample>();
        decimal pnl = 0;
        for (int i = 0; i < 100; i++)
        {
            pnl += i % 2 == 0 ? 10 : -5;
            samples.Add(new EquitySample(i * 1_000_000_000_000L, 100, pnl, pnl, 0));
        }
        var account = new Account();
        var sim = new ExecutionSimulator(new QuantumFlow.Models.Book.OrderBook(Venue.BinanceUsdm, "X"), ExecutionCosts.Default, account);
        PerformanceMetrics m = PerformanceMetrics.Compute("x", account, sim, samples, 1000m, periodSeconds: 1000);
        // Returns alternate 0.01 and -0.005: mean 0.0025, sample std 0.0075 x sqrt(100/99).
        double perPeriod = 0.0025 / (0.0075 * Math.Sqrt(100.0 / 99));
        Assert.Equal(perPeriod, m.SharpePerPeriod, 9);
        Assert.Equal(perPeriod * Math.Sqrt(365 * 24 * 3600.0 / 1000), m.Sharpe!.Value, 6);
        // Downside deviation: sqrt(50 x 0.005^2 / 100).
        Assert.Equal(0.0025 / Math.Sqrt(50 * 0.000025 / 100) * Math.Sqrt(365 * 24 * 3600.0 / 1000), m.Sortino!.Value, 6);
        Assert.Equal(5m, m.MaxDrawdown);
        Assert.Equal(25.0, m.ReturnPct, 9); // 250 on 1000
        Assert.Equal(100, m.Periods);

        // The same P&L path over 100 seconds: no annualised figure, the per-period one stays.
        List<EquitySample> minutes = [.. samples.Select((s, i) => s with { TimeNs = i * 1_000_000_000L })];
        PerformanceMetrics short_ = PerformanceMetrics.Compute("x", account, sim, minutes, 1000m, periodSeconds: 1);
        Assert.Null(short_.Sharpe);
        Assert.Null(short_.Sortino);
        Assert.Equal(perPeriod, short_.SharpePerPeriod, 9);
    }

    [Fact]
    public void Round_trip_statistics_count_flips_as_a_close_and_an_open()
    {
        var account = new Account();
        Fill F(Side side, string price, string qty, decimal fee) =>
            new(1, side, Liquidity.Taker, [new FillLeg(Price.Parse(price), Quantity.Parse(qty))], fee, 0, 0, 0, 0, 0, 0);
        account.Apply(F(Side.Bid, "100", "1", 1m));
        account.Apply(F(Side.Ask, "110", "2", 2m)); // closes the long (+10, costs 1 + 1) and opens a short of 1 (cost 1)
        account.Apply(F(Side.Bid, "115", "1", 1m)); // closes the short: -5, costs 1 + 1
        Assert.Equal(2, account.RoundTrips.Count);
        Assert.Equal(8m, account.RoundTrips[0].NetPnl);
        Assert.Equal(1, account.RoundTrips[0].Direction);
        Assert.Equal(-7m, account.RoundTrips[1].NetPnl);
        Assert.Equal(-1, account.RoundTrips[1].Direction);
        Assert.Equal(1m, account.NetPnl(0m)); // 8 - 7, flat
        Assert.Equal(4m, account.Fees);
        // In bps of the notional traded in: the long bought 100, the short sold 110.
        Assert.Equal((100m, 110m), (account.RoundTrips[0].EntryNotional, account.RoundTrips[1].EntryNotional));
        Assert.Equal(1000, account.RoundTrips[0].GrossBps, 9);
        Assert.Equal(200, account.RoundTrips[0].CostBps, 9);
        Assert.Equal(-5m / 110m * 10_000m, (decimal)account.RoundTrips[1].GrossBps, 6);
    }

    [Fact]
    public void Per_trade_figures_come_with_intervals_that_contain_them()
    {
        var account = new Account();
        Fill F(Side side, string price, decimal fee) =>
            new(1, side, Liquidity.Taker, [new FillLeg(Price.Parse(price), Quantity.Parse("1"))], fee, 0, 0, 0, 0, 0, 0);
        string[] exits = ["101", "99", "102", "100.5", "98", "103"];
        foreach (string exit in exits)
        {
            account.Apply(F(Side.Bid, "100", 0.05m));
            account.Apply(F(Side.Ask, exit, 0.05m));
        }
        var sim = new ExecutionSimulator(new QuantumFlow.Models.Book.OrderBook(Venue.BinanceUsdm, "X"), ExecutionCosts.Default, account);
        PerformanceMetrics m = PerformanceMetrics.Compute("x", account, sim, [new EquitySample(0, 100, 0, 0, 0), new EquitySample(1_000_000_000, 100, 0, 0, 0)], 1000m, 1);
        double[] net = [.. exits.Select(x => (double.Parse(x, System.Globalization.CultureInfo.InvariantCulture) - 100) * 100 - 10)];
        Assert.Equal(net.Average(), m.TradeNetBps!.Value, 9);
        Assert.Equal(10, m.TradeCostBps!.Value, 9);
        Assert.True(m.TradeNetBpsLow < net.Average() && net.Average() < m.TradeNetBpsHigh);
        // t(0.975, 5) = 2.571: the half-width is that many standard errors.
        double se = Math.Sqrt(net.Sum(v => (v - net.Average()) * (v - net.Average())) / 5) / Math.Sqrt(6);
        Assert.Equal(2.5706 * se, m.TradeNetBpsHigh!.Value - net.Average(), 1);
        foreach ((int df, double t) in new[] { (3, 3.1824), (5, 2.5706), (11, 2.2010), (15, 2.1314), (30, 2.0423), (1000, 1.9623) })
            Assert.Equal(t, PerformanceMetrics.StudentT975(df), 3);
        Assert.Equal(4.0 / 6, m.WinRate!.Value, 9);
        Assert.True(m.WinRateLow < 4.0 / 6 && 4.0 / 6 < m.WinRateHigh && m.WinRateLow >= 0 && m.WinRateHigh <= 1);
    }
}
