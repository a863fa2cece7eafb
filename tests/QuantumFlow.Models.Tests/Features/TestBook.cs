using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Features;

/// <summary>A book and the message that changed it, built by hand: applies snapshots and deltas like a venue sync would.</summary>
internal sealed class TestBook
{
    public OrderBook Book { get; } = new(Venue.Simulated, "TEST");
    public MarketMessage Message { get; } = new();
    public long TimeNs { get; set; } = 1_700_000_000_000_000_000;

    public MarketMessage Snapshot((decimal Price, decimal Qty)[] bids, (decimal Price, decimal Qty)[] asks, long? timeNs = null)
    {
        Message.Reset(MessageKind.Snapshot, Venue.Simulated, Tick(timeNs));
        Message.Symbol = "TEST";
        foreach (var (p, q) in bids) Message.AddLevel(new LevelUpdate(Side.Bid, Price.FromDecimal(p), Quantity.FromDecimal(q)));
        foreach (var (p, q) in asks) Message.AddLevel(new LevelUpdate(Side.Ask, Price.FromDecimal(p), Quantity.FromDecimal(q)));
        Book.ApplySnapshot(Message.Levels, 1, 0, Message.ReceiveTimeNs);
        return Message;
    }

    /// <summary>Sets each (side, price, size); size 0 removes. Crossed results are allowed here (degenerate-book tests).</summary>
    public MarketMessage Delta(params (Side Side, decimal Price, decimal Qty)[] levels) => DeltaAt(null, levels);

    public MarketMessage DeltaAt(long? timeNs, params (Side Side, decimal Price, decimal Qty)[] levels)
    {
        Message.Reset(MessageKind.Delta, Venue.Simulated, Tick(timeNs));
        Message.Symbol = "TEST";
        foreach (var (s, p, q) in levels) Message.AddLevel(new LevelUpdate(s, Price.FromDecimal(p), Quantity.FromDecimal(q)));
        Book.ApplyDelta(Message.Levels, 2, 0, Message.ReceiveTimeNs);
        return Message;
    }

    public MarketMessage Trade(Side aggressor, decimal price, decimal qty, long? timeNs = null)
    {
        var m = new MarketMessage();
        m.Reset(MessageKind.Trade, Venue.Simulated, Tick(timeNs));
        m.Symbol = "TEST";
        m.TradePrice = Price.FromDecimal(price);
        m.TradeQuantity = Quantity.FromDecimal(qty);
        m.Aggressor = aggressor;
        return m;
    }

    private long Tick(long? timeNs)
    {
        TimeNs = timeNs ?? TimeNs + 1_000_000; // 1 ms apart unless told
        return TimeNs;
    }
}
