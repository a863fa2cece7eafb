using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>Buy a quantity over a period in equal child orders, one per slice.</summary>
public sealed record ExecutionOptions
{
    /// <summary>The parent order as a fraction of the starting capital at the first mid.</summary>
    public double TargetFraction { get; init; } = 0.5;
    public long DurationNs { get; init; } = 300L * 1_000_000_000;
    public int Slices { get; init; } = 20;
    public Quantity LotSize { get; init; } = Quantity.Parse("0.001");
    /// <summary>False: plain TWAP (each child at its slice's start). True: each child waits inside its slice while the prediction says DOWN at this confidence.</summary>
    public bool UsePredictions { get; init; } = true;
    public double ConfidenceThreshold { get; init; } = 0.5;
}
