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
    public void Sharpe_is_annualized_from_the_sampling_period_not_per_event()
    {
        // P&L +10, -5, +10, -5 ... on a 1-second clock, capital 1000.
        var samples = new List<EquitySample>();
        decimal pnl = 0;
        for (int i = 0; i < 100; i++)
        {
            pnl += i % 2 == 0 ? 10 : -5;
            samples.Add(new EquitySample(i * 1_000_000_000L, 100, pnl, pnl, 0));
        }
        var account = new Account();
        var sim = new ExecutionSimulator(new QuantumFlow.Models.Book.OrderBook(Venue.BinanceUsdm, "X"), ExecutionCosts.Default, account);
        PerformanceMetrics m = PerformanceMetrics.Compute("x", account, sim, samples, 1000m, periodSeconds: 1);
        // Returns alternate 0.01 and -0.005: mean 0.0025, sample std 0.0075 x sqrt(100/99).
        double perPeriod = 0.0025 / (0.0075 * Math.Sqrt(100.0 / 99));
        Assert.Equal(perPeriod, m.SharpePerPeriod, 9);
        Assert.Equal(perPeriod * Math.Sqrt(365 * 24 * 3600.0), m.Sharpe, 6);
        // Downside deviation: sqrt(50 x 0.005^2 / 100).
        Assert.Equal(0.0025 / Math.Sqrt(50 * 0.000025 / 100) * Math.Sqrt(365 * 24 * 3600.0), m.Sortino!.Value, 6);
        Assert.Equal(5m, m.MaxDrawdown);
        Assert.Equal(25.0, m.ReturnPct, 9); // 250 on 1000
        Assert.Equal(100, m.Periods);
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
    }
}
