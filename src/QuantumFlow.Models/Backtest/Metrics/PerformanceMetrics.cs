using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Prediction.Evaluation;

namespace QuantumFlow.Models.Backtest.Metrics;

/// <summary>
/// Every number of one strategy's row (definitions in docs/BACKTEST.md). Money in quote currency; returns relative to
/// the starting capital. Sharpe and Sortino come from the P&amp;L changes on a fixed clock of
/// <see cref="PeriodSeconds"/> and are annualized by sqrt(periods per year), a year being 365 days of 24 h (crypto
/// trades every hour): never per event, never "as if daily". Per-trade statistics (win rate, profit factor, average
/// trade) are over round trips (flat to flat); <see cref="Trades"/> counts fills. Null means undefined (no round trips,
/// no losses, a single configuration for the deflated Sharpe).
/// </summary>
public sealed record PerformanceMetrics
{
    public const double SecondsPerYear = 365 * 24 * 3600.0;

    /// <summary>
    /// Annualising minutes of P&amp;L multiplies a noisy per-second ratio by sqrt(31.5 million): the figure says nothing.
    /// Below a day the report gives per-trade statistics with intervals instead.
    /// </summary>
    public const double MinimumAnnualisedSpanSeconds = 24 * 3600.0;

    public required string Strategy { get; init; }
    public decimal NetPnl { get; init; }
    public decimal GrossPnl { get; init; }
    public decimal Fees { get; init; }
    public decimal Slippage { get; init; }
    public double ReturnPct { get; init; }
    public double GrossReturnPct { get; init; }
    /// <summary>Gross minus net return, percentage points: what costs took.</summary>
    public double CostDragPct { get; init; }
    /// <summary>Annualised; null over a span shorter than <see cref="MinimumAnnualisedSpanSeconds"/>, where the per-trade figures are the ones to read.</summary>
    public double? Sharpe { get; init; }
    public double? Sortino { get; init; }
    public double SharpePerPeriod { get; init; }
    public decimal MaxDrawdown { get; init; }
    /// <summary>Largest fall of equity (capital + net P&amp;L) from its running peak, in % of that peak.</summary>
    public double MaxDrawdownPct { get; init; }
    public double? WinRate { get; init; }
    public double? ProfitFactor { get; init; }
    public decimal? AverageTrade { get; init; }
    /// <summary>Mean gross P&amp;L per round trip in bps of its notional: the edge the strategy captured before costs.</summary>
    public double? TradeGrossBps { get; init; }
    /// <summary>Mean fees and slippage per round trip (both legs) in bps of its notional.</summary>
    public double? TradeCostBps { get; init; }
    public double? TradeNetBps { get; init; }
    /// <summary>95 % interval of the mean net bps per round trip (t interval; round trips do not overlap).</summary>
    public double? TradeNetBpsLow { get; init; }
    public double? TradeNetBpsHigh { get; init; }
    /// <summary>95 % Wilson interval of the win rate.</summary>
    public double? WinRateLow { get; init; }
    public double? WinRateHigh { get; init; }
    public int RoundTrips { get; init; }
    public int Trades { get; init; }
    public int Orders { get; init; }
    public int Rejected { get; init; }
    public decimal Turnover { get; init; }
    /// <summary>Turnover over starting capital.</summary>
    public double TurnoverMultiple { get; init; }
    public decimal FinalPosition { get; init; }
    public int Periods { get; init; }
    public double PeriodSeconds { get; init; }
    public double SpanSeconds { get; init; }
    public double Skewness { get; init; }
    public double Kurtosis { get; init; }
    /// <summary>Probabilistic Sharpe ratio against 0: the probability that the true per-period Sharpe is positive.</summary>
    public double? Psr { get; init; }
    /// <summary>The deflated Sharpe ratio given <see cref="Trials"/> configurations tried; null for one.</summary>
    public double? Dsr { get; init; }
    public int Trials { get; init; } = 1;
    /// <summary>Execution strategies: (average cost per unit incl. fees - arrival mid) / arrival mid, in bps; lower is better.</summary>
    public double? ShortfallBps { get; init; }

    public static PerformanceMetrics Compute(string strategy, Account account, ExecutionSimulator simulator, IReadOnlyList<EquitySample> samples,
        decimal capital, double periodSeconds, decimal? arrivalMid = null)
    {
        EquitySample last = samples.Count > 0 ? samples[^1] : default;
        var returns = new List<double>(samples.Count);
        decimal previous = 0, peak = capital, maxDrawdown = 0;
        double maxDrawdownPct = 0;
        foreach (EquitySample s in samples)
        {
            returns.Add((double)((s.NetPnl - previous) / capital));
            previous = s.NetPnl;
            decimal equity = capital + s.NetPnl;
            peak = Math.Max(peak, equity);
            if (peak - equity > maxDrawdown) maxDrawdown = peak - equity;
            if (peak > 0) maxDrawdownPct = Math.Max(maxDrawdownPct, (double)((peak - equity) / peak) * 100);
        }
        ReturnStatistics stats = ReturnStatistics.Of(returns);
        double annualize = Math.Sqrt(SecondsPerYear / periodSeconds);
        IReadOnlyList<RoundTrip> trips = account.RoundTrips;
        double span = samples.Count > 0 ? (samples[^1].TimeNs - samples[0].TimeNs) / 1e9 + periodSeconds : 0;
        bool annualise = span >= MinimumAnnualisedSpanSeconds;
        Interval? net = trips.Count > 1 ? MeanInterval([.. trips.Select(t => t.NetBps)]) : null;
        Interval? winRate = trips.Count > 0 ? Wilson(trips.Count(t => t.NetPnl > 0), trips.Count) : null;
        decimal wins = trips.Where(t => t.NetPnl > 0).Sum(t => t.NetPnl);
        decimal losses = trips.Where(t => t.NetPnl < 0).Sum(t => t.NetPnl);
        double? shortfall = null;
        if (arrivalMid is > 0 && account.PositionRaw != 0)
        {
            decimal bought = simulator.Fills.Where(f => f.Side == Market.Side.Bid).Sum(f => f.Quantity.ToDecimal());
            decimal spent = simulator.Fills.Where(f => f.Side == Market.Side.Bid).Sum(f => f.Notional + f.Fee + f.Slippage);
            if (bought > 0) shortfall = (double)((spent / bought - arrivalMid.Value) / arrivalMid.Value * 10_000m);
        }
        return new PerformanceMetrics
        {
            Strategy = strategy,
            NetPnl = last.NetPnl,
            GrossPnl = last.GrossPnl,
            Fees = account.Fees,
            Slippage = account.Slippage,
            ReturnPct = (double)(last.NetPnl / capital * 100),
            GrossReturnPct = (double)(last.GrossPnl / capital * 100),
            CostDragPct = (double)((last.GrossPnl - last.NetPnl) / capital * 100),
            Sharpe = annualise ? stats.Sharpe * annualize : null,
            Sortino = annualise ? stats.Sortino * annualize : null,
            SharpePerPeriod = stats.Sharpe,
            MaxDrawdown = maxDrawdown,
            MaxDrawdownPct = maxDrawdownPct,
            WinRate = trips.Count > 0 ? (double)trips.Count(t => t.NetPnl > 0) / trips.Count : null,
            ProfitFactor = losses < 0 ? (double)(wins / -losses) : null,
            AverageTrade = trips.Count > 0 ? trips.Average(t => t.NetPnl) : null,
            TradeGrossBps = trips.Count > 0 ? trips.Average(t => t.GrossBps) : null,
            TradeCostBps = trips.Count > 0 ? trips.Average(t => t.CostBps) : null,
            TradeNetBps = trips.Count > 0 ? trips.Average(t => t.NetBps) : null,
            TradeNetBpsLow = net?.Low,
            TradeNetBpsHigh = net?.High,
            WinRateLow = winRate?.Low,
            WinRateHigh = winRate?.High,
            RoundTrips = trips.Count,
            Trades = account.Fills,
            Orders = simulator.Orders,
            Rejected = simulator.Rejected,
            Turnover = account.Turnover,
            TurnoverMultiple = (double)(account.Turnover / capital),
            FinalPosition = account.Position,
            Periods = returns.Count,
            PeriodSeconds = periodSeconds,
            SpanSeconds = span,
            Skewness = stats.Skewness,
            Kurtosis = stats.Kurtosis,
            Psr = returns.Count > 1 && stats.StdDev > 0 ? DeflatedSharpe.Probabilistic(stats.Sharpe, 0, returns.Count, stats.Skewness, stats.Kurtosis) : null,
            ShortfallBps = shortfall,
        };
    }

    /// <summary>Mean +- t(0.975, n-1) standard errors.</summary>
    private static Interval MeanInterval(double[] x)
    {
        double mean = x.Average();
        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        double half = StudentT975(x.Length - 1) * sd / Math.Sqrt(x.Length);
        return new Interval(mean - half, mean + half);
    }

    /// <summary>
    /// The 97.5 % quantile of Student's t: from a table up to 10 degrees of freedom, then the Cornish-Fisher
    /// expansion around the normal quantile (Abramowitz and Stegun 26.7.5), within 1e-4 there.
    /// </summary>
    internal static double StudentT975(int df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        if (df <= 10) return SmallDfT975[df - 1];
        const double z = 1.959963984540054;
        double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2, n = df;
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * n * n * n * n);
    }

    private static readonly double[] SmallDfT975 =
        [12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852];

    /// <summary>Wilson score interval for k successes of n at 95 %.</summary>
    private static Interval Wilson(int k, int n)
    {
        const double z = 1.959963984540054;
        double p = (double)k / n, d = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / d, half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Fills in the deflated Sharpe of each row given that all of them were tried. Rows with no trades, and the
    /// <paramref name="notTrials"/> (execution schedules, which do not seek returns), are not trials and get none.
    /// </summary>
    public static List<PerformanceMetrics> Deflate(IReadOnlyList<PerformanceMetrics> rows, IReadOnlySet<string>? notTrials = null)
    {
        bool IsTrial(PerformanceMetrics r) => r.Trades > 0 && r.Periods > 1 && notTrials?.Contains(r.Strategy) != true;
        List<PerformanceMetrics> trials = [.. rows.Where(IsTrial)];
        if (trials.Count < 2) return [.. rows];
        double mean = trials.Average(r => r.SharpePerPeriod);
        double variance = trials.Sum(r => (r.SharpePerPeriod - mean) * (r.SharpePerPeriod - mean)) / (trials.Count - 1);
        return [.. rows.Select(r => !IsTrial(r) ? r : r with
        {
            Trials = trials.Count,
            Dsr = NullIfNaN(DeflatedSharpe.Deflated(r.SharpePerPeriod, r.Periods, r.Skewness, r.Kurtosis, trials.Count, variance)),
        })];
    }

    private static double? NullIfNaN(double x) => double.IsNaN(x) ? null : x;
}
