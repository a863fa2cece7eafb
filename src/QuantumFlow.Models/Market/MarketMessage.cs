namespace QuantumFlow.Models.Market;

/// <summary>
/// The hot-path form of one normalized market event: a reusable buffer that a parser fills and the book sync reads,
/// so parsing and applying a message allocate nothing. <see cref="ToEvent"/> makes the immutable
/// <see cref="MarketEvent"/> that actors, the journal and subscribers get.
/// </summary>
public sealed class MarketMessage
{
    public const long NoId = -1;

    private LevelUpdate[] _levels = new LevelUpdate[64];

    public MessageKind Kind { get; set; }
    public Venue Venue { get; set; }
    public string Symbol { get; set; } = "";
    /// <summary>When the venue made the event (Unix ns), or 0 when the venue does not say.</summary>
    public long ExchangeTimeNs { get; set; }
    /// <summary>When this system received it (Unix ns).</summary>
    public long ReceiveTimeNs { get; set; }

    /// <summary>Binance U (first update id in a diff); Coinbase: the connection's sequence_num.</summary>
    public long FirstUpdateId { get; set; } = NoId;
    /// <summary>Binance u, or a snapshot's lastUpdateId, or a bookTicker's u; Coinbase: the connection's sequence_num.</summary>
    public long LastUpdateId { get; set; } = NoId;
    /// <summary>Binance futures pu (the previous diff's u); <see cref="NoId"/> where the venue has none.</summary>
    public long PrevUpdateId { get; set; } = NoId;

    public int LevelCount { get; private set; }
    public ReadOnlySpan<LevelUpdate> Levels => _levels.AsSpan(0, LevelCount);

    public long TradeId { get; set; }
    public Price TradePrice { get; set; }
    public Quantity TradeQuantity { get; set; }
    public Side Aggressor { get; set; }

    public Price BidPrice { get; set; }
    public Quantity BidQuantity { get; set; }
    public Price AskPrice { get; set; }
    public Quantity AskQuantity { get; set; }

    public void Reset(MessageKind kind, Venue venue, long receiveTimeNs)
    {
        Kind = kind;
        Venue = venue;
        Symbol = "";
        ExchangeTimeNs = 0;
        ReceiveTimeNs = receiveTimeNs;
        FirstUpdateId = LastUpdateId = PrevUpdateId = NoId;
        LevelCount = 0;
        TradeId = 0;
        TradePrice = default;
        TradeQuantity = default;
        BidPrice = AskPrice = default;
        BidQuantity = AskQuantity = default;
    }

    public void ClearLevels() => LevelCount = 0;

    public void AddLevel(in LevelUpdate level)
    {
        if (LevelCount == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        _levels[LevelCount++] = level;
    }

    public MarketEvent ToEvent() => Kind switch
    {
        MessageKind.Snapshot => new BookSnapshot(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs, LastUpdateId, Levels.ToArray()),
        MessageKind.Delta => new BookDelta(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs, FirstUpdateId, LastUpdateId, PrevUpdateId, Levels.ToArray()),
        MessageKind.Trade => new Trade(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs, TradeId, TradePrice, TradeQuantity, Aggressor),
        MessageKind.BestBidAsk => new BestBidAsk(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs, LastUpdateId, BidPrice, BidQuantity, AskPrice, AskQuantity),
        _ => throw new InvalidOperationException($"a {Kind} message is not a market event"),
    };

    /// <summary>Loads an immutable event back into this buffer (journal replay goes through the same sync code as live).</summary>
    public void Load(MarketEvent e)
    {
        switch (e)
        {
            case BookSnapshot s:
                Reset(MessageKind.Snapshot, s.Venue, s.ReceiveTimeNs);
                LastUpdateId = s.UpdateId;
                foreach (LevelUpdate l in s.Levels) AddLevel(l);
                break;
            case BookDelta d:
                Reset(MessageKind.Delta, d.Venue, d.ReceiveTimeNs);
                FirstUpdateId = d.FirstUpdateId;
                LastUpdateId = d.LastUpdateId;
                PrevUpdateId = d.PrevUpdateId;
                foreach (LevelUpdate l in d.Levels) AddLevel(l);
                break;
            case Trade t:
                Reset(MessageKind.Trade, t.Venue, t.ReceiveTimeNs);
                TradeId = t.TradeId;
                TradePrice = t.Price;
                TradeQuantity = t.Quantity;
                Aggressor = t.Aggressor;
                break;
            case BestBidAsk q:
                Reset(MessageKind.BestBidAsk, q.Venue, q.ReceiveTimeNs);
                LastUpdateId = q.UpdateId;
                BidPrice = q.BidPrice;
                BidQuantity = q.BidQuantity;
                AskPrice = q.AskPrice;
                AskQuantity = q.AskQuantity;
                break;
            default:
                throw new ArgumentException($"unknown market event {e.GetType().Name}", nameof(e));
        }
        Symbol = e.Symbol;
        ExchangeTimeNs = e.ExchangeTimeNs;
    }
}
