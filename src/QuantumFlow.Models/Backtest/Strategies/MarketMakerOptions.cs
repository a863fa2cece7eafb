using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>Quotes at the touch, each side pulled back by the prediction against it and by inventory.</summary>
public sealed record MarketMakerOptions
{
    /// <summary>Each quote's size as a fraction of the starting capital at the mid.</summary>
    public double QuoteFraction { get; init; } = 0.02;
    /// <summary>The position may not exceed this fraction of capital either way: the side that would grow it stops quoting.</summary>
    public double MaxInventoryFraction { get; init; } = 0.10;
    public Quantity LotSize { get; init; } = Quantity.Parse("0.001");
    /// <summary>Ticks a quote moves away from the touch at full conviction against it (P(up) - P(down) = -1 for the bid).</summary>
    public double SkewTicks { get; init; } = 3;
    /// <summary>Ticks a quote moves away at full inventory on its side.</summary>
    public double InventoryTicks { get; init; } = 3;
    /// <summary>
    /// Adverse-selection guard: when the signal gives a move against a side at least this probability (P(up) for the
    /// ask, P(down) for the bid), that side is not quoted at all, since a resting order there is filled mostly when the
    /// price runs through it. Null: never pulled (the skew alone).
    /// </summary>
    public double? PullProbability { get; init; }
    /// <summary>The tick; zero = the smallest gap between adjacent levels of the first valid book.</summary>
    public Price TickSize { get; init; }
}
