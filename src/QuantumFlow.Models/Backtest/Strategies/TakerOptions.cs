using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>The directional rules of seed spec 5.1, with the holding period enforced and FLAT semantics explicit (docs/BACKTEST.md).</summary>
public sealed record TakerOptions
{
    /// <summary>Below this ensemble confidence the signal is 0.</summary>
    public double ConfidenceThreshold { get; init; } = 0.6;
    /// <summary>Order size as a fraction of the starting capital at the decision mid (the seed: 10%).</summary>
    public double PositionFraction { get; init; } = 0.10;
    public Quantity LotSize { get; init; } = Quantity.Parse("0.001");
    /// <summary>Predictions a position may be held; then it is closed whatever the signal, so no position outlives its forecast.</summary>
    public int MaxHoldingSteps { get; init; } = 100;
    /// <summary>A FLAT or low-confidence signal closes the position (seed spec 5.1); false holds until reversal or the holding limit.</summary>
    public bool FlatExits { get; init; } = true;
    public SignalSource Signal { get; init; } = SignalSource.Model;
    public int Seed { get; init; } = 7;
}
