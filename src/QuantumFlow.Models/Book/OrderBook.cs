using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Book;

/// <summary>
/// An exact L2 order book for one venue and symbol. It knows nothing of venue rules: a venue's sync
/// (<see cref="Venues.IBookSync"/>) decides what to apply and when the book is valid. Reads that need a valid book
/// should check <see cref="IsValid"/>: a book that is awaiting or re-fetching a snapshot is stale.
/// </summary>
public sealed class OrderBook
{
    public OrderBook(Venue venue, string symbol)
    {
        Venue = venue;
        Symbol = symbol;
        Bids = new BookSide(Side.Bid);
        Asks = new BookSide(Side.Ask);
    }

    public Venue Venue { get; }
    public string Symbol { get; }
    public BookSide Bids { get; }
    public BookSide Asks { get; }
    public BookState State { get; private set; }
    /// <summary>The venue's id of the last state applied (Binance u, Coinbase sequence_num).</summary>
    public long LastUpdateId { get; private set; } = MarketMessage.NoId;
    public long ExchangeTimeNs { get; private set; }
    public long ReceiveTimeNs { get; private set; }
    /// <summary>Snapshots and deltas applied since creation.</summary>
    public long UpdateCount { get; private set; }

    /// <summary>Synced and not crossed: safe to read, trade on and predict from.</summary>
    public bool IsValid => State == BookState.Synced && !IsCrossed;

    public bool IsCrossed => !Bids.IsEmpty && !Asks.IsEmpty && Bids.BestPrice >= Asks.BestPrice;

    public BookSide this[Side side] => side == Side.Bid ? Bids : Asks;

    public Price BestBid => Bids.BestPrice;
    public Price BestAsk => Asks.BestPrice;

    /// <summary>Exact mid, or 0 when a side is empty.</summary>
    public decimal Mid => Bids.IsEmpty || Asks.IsEmpty ? 0m : (BestBid.ToDecimal() + BestAsk.ToDecimal()) / 2m;

    /// <summary>Ask minus bid, exact, or 0 when a side is empty.</summary>
    public Price Spread => Bids.IsEmpty || Asks.IsEmpty ? Price.Zero : new Price(BestAsk.Raw - BestBid.Raw);

    /// <summary>Spread in basis points of the mid: (ask - bid) / ((ask + bid) / 2) * 1e4; 0 when a side is empty.</summary>
    public double SpreadBps
    {
        get
        {
            if (Bids.IsEmpty || Asks.IsEmpty) return 0;
            double bid = BestBid.ToDouble(), ask = BestAsk.ToDouble();
            return (ask - bid) / ((ask + bid) / 2) * 1e4;
        }
    }

    /// <summary>
    /// Replaces the whole book. A crossed snapshot is refused before anything changes.
    /// </summary>
    /// <exception cref="InvalidDataException">the snapshot is crossed.</exception>
    public void ApplySnapshot(ReadOnlySpan<LevelUpdate> levels, long updateId, long exchangeTimeNs, long receiveTimeNs)
    {
        long bestBid = long.MinValue, bestAsk = long.MaxValue;
        foreach (ref readonly LevelUpdate l in levels)
        {
            if (l.Quantity.IsZero) continue;
            if (l.Side == Side.Bid) bestBid = Math.Max(bestBid, l.Price.Raw);
            else bestAsk = Math.Min(bestAsk, l.Price.Raw);
        }
        if (bestBid >= bestAsk)
            throw new InvalidDataException($"crossed snapshot for {Venue.Id()}:{Symbol} at update {updateId}: best bid {new Price(bestBid)} >= best ask {new Price(bestAsk)}");

        Bids.Clear();
        Asks.Clear();
        foreach (ref readonly LevelUpdate l in levels) this[l.Side].Set(l.Price, l.Quantity);
        LastUpdateId = updateId;
        ExchangeTimeNs = exchangeTimeNs;
        ReceiveTimeNs = receiveTimeNs;
        State = BookState.Synced;
        UpdateCount++;
    }

    /// <summary>Sets each level to its absolute size. Returns false when the result is crossed (the caller resyncs).</summary>
    public bool ApplyDelta(ReadOnlySpan<LevelUpdate> levels, long updateId, long exchangeTimeNs, long receiveTimeNs)
    {
        foreach (ref readonly LevelUpdate l in levels) this[l.Side].Set(l.Price, l.Quantity);
        LastUpdateId = updateId;
        ExchangeTimeNs = exchangeTimeNs;
        ReceiveTimeNs = receiveTimeNs;
        UpdateCount++;
        return !IsCrossed;
    }

    /// <summary>Marks the book stale after a gap; its levels stay for inspection but it is no longer valid.</summary>
    public void MarkResyncing() => State = State == BookState.AwaitingSnapshot ? BookState.AwaitingSnapshot : BookState.Resyncing;

    /// <summary>Forgets everything (a new connection will send a new snapshot).</summary>
    public void Reset()
    {
        Bids.Clear();
        Asks.Clear();
        State = BookState.AwaitingSnapshot;
        LastUpdateId = MarketMessage.NoId;
    }

    public override string ToString() =>
        $"{Venue.Id()}:{Symbol} {State} id={LastUpdateId} {BestBid} x {Bids.BestQuantity} / {BestAsk} x {Asks.BestQuantity}";
}
