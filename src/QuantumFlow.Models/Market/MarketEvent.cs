namespace QuantumFlow.Models.Market;

/// <summary>
/// A normalized, venue-independent market event. Immutable; both clocks are kept because feed latency
/// (receive minus exchange time) is a property of the data that backtests need.
/// </summary>
public abstract record MarketEvent(Venue Venue, string Symbol, long ExchangeTimeNs, long ReceiveTimeNs)
{
    /// <summary>"binance-usdm:BTCUSDT": the book entity this event belongs to.</summary>
    public string BookId => $"{Venue.Id()}:{Symbol}";
}

/// <summary>A full book; <paramref name="UpdateId"/> is the venue's id of the state it describes (Binance lastUpdateId).</summary>
public sealed record BookSnapshot(Venue Venue, string Symbol, long ExchangeTimeNs, long ReceiveTimeNs, long UpdateId, LevelUpdate[] Levels)
    : MarketEvent(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs);

/// <summary>Absolute sizes for the levels that changed, with the venue's sequence ids (Binance U, u, pu).</summary>
public sealed record BookDelta(Venue Venue, string Symbol, long ExchangeTimeNs, long ReceiveTimeNs, long FirstUpdateId, long LastUpdateId, long PrevUpdateId, LevelUpdate[] Levels)
    : MarketEvent(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs);

/// <summary>A print; <paramref name="Aggressor"/> is the side that took liquidity (Bid = buyer).</summary>
public sealed record Trade(Venue Venue, string Symbol, long ExchangeTimeNs, long ReceiveTimeNs, long TradeId, Price Price, Quantity Quantity, Side Aggressor)
    : MarketEvent(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs);

/// <summary>The venue's own best bid and ask (Binance bookTicker), with the book update id it describes.</summary>
public sealed record BestBidAsk(Venue Venue, string Symbol, long ExchangeTimeNs, long ReceiveTimeNs, long UpdateId, Price BidPrice, Quantity BidQuantity, Price AskPrice, Quantity AskQuantity)
    : MarketEvent(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs);

/// <summary>
/// The feed lost messages for this book (a connection-level sequence gap, a disconnect): the book is stale until a new
/// snapshot. Journaled like any market event, so a replay reaches exactly the state the live book had.
/// </summary>
public sealed record FeedGap(Venue Venue, string Symbol, long ExchangeTimeNs, long ReceiveTimeNs, string Reason)
    : MarketEvent(Venue, Symbol, ExchangeTimeNs, ReceiveTimeNs);
