using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Simulation;

/// <summary>
/// Rates and sizes of the queue-reactive order-flow model (see docs/SIMULATOR.md). Rates are per second of
/// simulated time; sizes are in lots of <see cref="LotSize"/>.
/// </summary>
public sealed record QueueReactiveParameters
{
    /// <summary>Price grid step: every price the simulator emits is an exact multiple of it.</summary>
    public Price TickSize { get; init; } = Price.Parse("0.1");
    public Quantity LotSize { get; init; } = Quantity.Parse("0.001");
    /// <summary>The first best bid; rounded down to the tick grid.</summary>
    public Price InitialBid { get; init; } = Price.Parse("60000");
    /// <summary>Levels kept on each side, contiguous on the grid.</summary>
    public int Levels { get; init; } = 10;

    /// <summary>Limit orders joining the best queue of one side.</summary>
    public double LimitRate { get; init; } = 1.0;
    /// <summary>Limit arrivals at depth i are <see cref="LimitRate"/> * decay^i.</summary>
    public double LimitDepthDecay { get; init; } = 0.6;
    /// <summary>Each resting lot is cancelled at this rate (so a queue of q lots loses lots at q times it).</summary>
    public double CancelRate { get; init; } = 0.1;
    /// <summary>Market orders hitting one side when the book is balanced.</summary>
    public double MarketRate { get; init; } = 0.6;
    /// <summary>
    /// Queue-reactive feedback κ in [0, 1): buy market orders arrive at <see cref="MarketRate"/> * (1 + κ I) and sell
    /// orders at <see cref="MarketRate"/> * (1 - κ I), where I is the best-queue imbalance (rates are floored at zero).
    /// </summary>
    public double ImbalanceFeedback { get; init; } = 0.4;

    /// <summary>
    /// How strongly the hidden directional pressure D in [-1, 1] (a large order worked in slices) tilts the flow:
    /// buy market orders and best-bid limit orders scale by (1 + δ D), sell market orders and best-ask limit orders by
    /// (1 - δ D). It makes order flow persistent, as it is on real venues.
    /// </summary>
    public double PressureStrength { get; init; } = 0.6;
    /// <summary>Rate at which D is redrawn uniformly in [-1, 1] (mean regime length 1 / rate seconds).</summary>
    public double PressureSwitchRate { get; init; } = 0.05;

    public int MaxLimitLots { get; init; } = 3;
    public int MaxMarketLots { get; init; } = 4;
    /// <summary>The queue that forms inside the old spread after a price move, and each new deep level, draws 1..this many lots.</summary>
    public int MaxNewQueueLots { get; init; } = 10;

    /// <summary>Unix ns of simulated time zero.</summary>
    public long StartTimeNs { get; init; } = 1_704_067_200_000_000_000; // 2024-01-01T00:00:00Z

    public void Validate()
    {
        if (TickSize.Raw <= 0 || LotSize.Raw <= 0) throw new ArgumentException("tick and lot sizes must be positive");
        if (InitialBid.Raw <= TickSize.Raw * Levels) throw new ArgumentException("initial bid too low for the levels kept");
        if (Levels < 2) throw new ArgumentException("at least two levels a side");
        if (LimitRate <= 0 || CancelRate < 0 || MarketRate < 0) throw new ArgumentException("rates must be non-negative (limit rate positive)");
        if (ImbalanceFeedback is < 0 or >= 1) throw new ArgumentException("imbalance feedback must be in [0, 1)");
        if (PressureStrength is < 0 or > 1 || PressureSwitchRate < 0) throw new ArgumentException("pressure strength must be in [0, 1]");
        if (MaxLimitLots < 1 || MaxMarketLots < 1 || MaxNewQueueLots < 1) throw new ArgumentException("sizes must be at least one lot");
    }
}
