using QuantumFlow.Models.Backtest.Execution;

namespace QuantumFlow.Models.Backtest;

/// <summary>How a backtest runs: costs and latency, starting capital, the P&amp;L sampling clock. The signal is scored
/// with the predictor's own labels (the checkpoints' definition), so there is no label here.</summary>
public sealed record BacktestOptions
{
    public ExecutionCosts Costs { get; init; } = ExecutionCosts.Default;
    /// <summary>Quote currency; scales returns and position sizes only.</summary>
    public decimal Capital { get; init; } = 100_000m;
    /// <summary>The fixed clock P&amp;L is sampled on for Sharpe, Sortino, drawdown and the equity curve.</summary>
    public long SamplePeriodNs { get; init; } = 1_000_000_000;
    /// <summary>The book traded ("binance-usdm:BTCUSDT"); null = the first book in the steps. Other books' steps are skipped.</summary>
    public string? BookId { get; init; }

    /// <summary>
    /// Strategies trade from this local time on; earlier events only build the book (and warm whatever the replay
    /// source warms). With <see cref="TradeToNs"/>, a walk-forward fold's test window or the --from/--to range.
    /// </summary>
    public long TradeFromNs { get; init; } = long.MinValue;
    /// <summary>Events received at or after this time are not replayed.</summary>
    public long TradeToNs { get; init; } = long.MaxValue;

    /// <exception cref="ArgumentException">a value is out of range.</exception>
    public void Validate()
    {
        Costs.Validate();
        if (Capital <= 0) throw new ArgumentException($"capital {Capital} must be positive", nameof(Capital));
        if (SamplePeriodNs <= 0) throw new ArgumentException("the sample period must be positive", nameof(SamplePeriodNs));
        if (TradeFromNs >= TradeToNs) throw new ArgumentException("the trading window is empty (from is not before to)", nameof(TradeFromNs));
    }
}
