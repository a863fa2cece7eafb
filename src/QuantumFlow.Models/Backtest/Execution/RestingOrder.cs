using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// A limit order resting in the venue's queue at its price. <see cref="QueueAhead"/> is the displayed size that was at
/// the price when it arrived and is still ahead of it: trades at the price eat it first; cancels (size decreases no
/// trade explains) remove it pro rata to its share of the level; new size joins behind.
/// </summary>
public sealed class RestingOrder
{
    internal RestingOrder(long id, Side side, Price price, long remaining, long queueAhead, long decisionNs, long arrivalNs)
    {
        Id = id;
        Side = side;
        Price = price;
        Remaining = remaining;
        QueueAhead = queueAhead;
        DecisionTimeNs = decisionNs;
        ArrivalTimeNs = arrivalNs;
    }

    public long Id { get; }
    public Side Side { get; }
    public Price Price { get; }
    /// <summary>Unfilled size, raw 1e-8 units.</summary>
    public long Remaining { get; internal set; }
    public long QueueAhead { get; internal set; }
    public long DecisionTimeNs { get; }
    public long ArrivalTimeNs { get; }

    /// <summary>Traded at this price since the level last changed in the book: the part of the next decrease that is not a cancel.</summary>
    internal long TradedSinceUpdate { get; set; }
    /// <summary>The level's displayed size just before the event being applied.</summary>
    internal long SizeBefore { get; set; }
}
