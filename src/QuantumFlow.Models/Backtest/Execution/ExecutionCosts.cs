namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// The cost model, charged once per fill: taker or maker fee in bps of the fill's notional, plus a fixed fee per fill
/// (quote currency), plus, for taker fills only, extra slippage in bps of notional (impact beyond the displayed book,
/// which the level walk already prices). Negative maker bps is a rebate. Order latency delays every order and cancel
/// from the strategy's decision to its arrival at the venue.
/// </summary>
public sealed record ExecutionCosts
{
    public static readonly ExecutionCosts Default = new();

    /// <summary>Binance USD-M regular tier taker fee.</summary>
    public double TakerBps { get; init; } = 5;
    /// <summary>Binance USD-M regular tier maker fee.</summary>
    public double MakerBps { get; init; } = 2;
    public decimal FixedFee { get; init; }
    public double SlippageBps { get; init; }
    public long OrderLatencyNs { get; init; } = 10 * 1_000_000;

    /// <exception cref="ArgumentException">a value is not finite, a fee or latency is negative where it cannot be.</exception>
    public void Validate()
    {
        if (!double.IsFinite(TakerBps) || TakerBps < 0) throw new ArgumentException($"taker fee {TakerBps} bps must be finite and >= 0", nameof(TakerBps));
        if (!double.IsFinite(MakerBps) || MakerBps < -100) throw new ArgumentException($"maker fee {MakerBps} bps must be finite and >= -100 (a rebate)", nameof(MakerBps));
        if (FixedFee < 0) throw new ArgumentException($"fixed fee {FixedFee} must be >= 0", nameof(FixedFee));
        if (!double.IsFinite(SlippageBps) || SlippageBps < 0) throw new ArgumentException($"slippage {SlippageBps} bps must be finite and >= 0", nameof(SlippageBps));
        if (OrderLatencyNs < 0) throw new ArgumentException($"order latency {OrderLatencyNs} ns must be >= 0", nameof(OrderLatencyNs));
    }

    public decimal FeeFor(Liquidity liquidity, decimal notional) =>
        notional * (decimal)(liquidity == Liquidity.Taker ? TakerBps : MakerBps) / 10_000m + FixedFee;

    public decimal SlippageFor(Liquidity liquidity, decimal notional) =>
        liquidity == Liquidity.Taker ? notional * (decimal)SlippageBps / 10_000m : 0m;
}
