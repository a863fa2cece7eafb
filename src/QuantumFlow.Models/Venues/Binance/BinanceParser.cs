using System.Text.Json;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues.Binance;

/// <summary>
/// Binance market data: combined-stream envelopes (<c>{"stream":..,"data":{..}}</c>) or bare payloads of
/// <c>depthUpdate</c>, <c>trade</c>, <c>bookTicker</c> and the REST depth snapshot, for spot and futures alike.
/// The REST snapshot does not name its symbol: it comes back with an empty <see cref="MarketMessage.Symbol"/>
/// and the session fills it from the request.
/// </summary>
public sealed class BinanceParser : IVenueParser
{
    private readonly MessagePool _pool = new();
    private readonly SymbolTable _symbols = new();

    public BinanceParser(Venue venue)
    {
        if (venue is not (Venue.BinanceSpot or Venue.BinanceUsdm or Venue.BinanceCoinm))
            throw new ArgumentException($"{venue} is not a Binance venue", nameof(venue));
        Venue = venue;
    }

    public Venue Venue { get; }

    public long PayloadSequence => MarketMessage.NoId;

    public ReadOnlySpan<MarketMessage> Parse(ReadOnlySpan<byte> payload, long receiveTimeNs)
    {
        _pool.Clear();
        MarketMessage m = _pool.Rent(MessageKind.Other, Venue, receiveTimeNs);
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new MarketDataException(Venue, "payload is not a JSON object");
            var fields = new Fields();
            ReadObject(ref reader, m, ref fields, envelope: true);
            Classify(m, ref fields);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            _pool.Clear();
            throw new MarketDataException(Venue, $"malformed JSON: {e.Message}", null, e);
        }
        catch (MarketDataException)
        {
            _pool.Clear();
            throw;
        }
        return _pool.Filled;
    }

    private ref struct Fields
    {
        public EventType Event;
        public bool HasSymbol, HasFirst, HasLast, HasLastUpdateId, HasBidLevels, HasAskLevels;
        public bool HasTradePrice, HasTradeQty, HasTradeId, HasMaker, HasBidPrice, HasAskPrice, HasBidQty, HasAskQty;
        public long EventTimeMs, TransactTimeMs, LastUpdateId;
        public bool BuyerIsMaker;
    }

    private enum EventType : byte { None, DepthUpdate, Trade, BookTicker, Other }

    private void ReadObject(ref Utf8JsonReader reader, MarketMessage m, ref Fields f, bool envelope)
    {
        while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndObject)
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            JsonValues.Next(ref reader, Venue);
            if (envelope && name.SequenceEqual("data"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadObject(ref reader, m, ref f, envelope: false);
                continue;
            }
            ReadField(ref reader, name, m, ref f);
        }
    }

    private void ReadField(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, MarketMessage m, ref Fields f)
    {
        switch (name.Length)
        {
            case 1:
                switch (name[0])
                {
                    case (byte)'e':
                        if (reader.TokenType != JsonTokenType.String) throw new MarketDataException(Venue, "'e' should be a string");
                        f.Event = reader.ValueTextEquals("depthUpdate"u8) ? EventType.DepthUpdate
                            : reader.ValueTextEquals("trade"u8) ? EventType.Trade
                            : reader.ValueTextEquals("bookTicker"u8) ? EventType.BookTicker
                            : EventType.Other;
                        return;
                    case (byte)'E': f.EventTimeMs = JsonValues.ReadInt64(ref reader, Venue, "E"); return;
                    case (byte)'T': f.TransactTimeMs = JsonValues.ReadInt64(ref reader, Venue, "T"); return;
                    case (byte)'s':
                        if (reader.TokenType != JsonTokenType.String) throw new MarketDataException(Venue, "'s' (symbol) should be a string");
                        m.Symbol = _symbols.Get(reader.ValueSpan);
                        f.HasSymbol = m.Symbol.Length > 0;
                        return;
                    case (byte)'U': m.FirstUpdateId = JsonValues.ReadInt64(ref reader, Venue, "U"); f.HasFirst = true; return;
                    case (byte)'u': m.LastUpdateId = JsonValues.ReadInt64(ref reader, Venue, "u"); f.HasLast = true; return;
                    case (byte)'b':
                        if (reader.TokenType == JsonTokenType.StartArray) { JsonValues.ReadLevelArray(ref reader, Venue, "b", Side.Bid, m); f.HasBidLevels = true; }
                        else { m.BidPrice = new Price(JsonValues.ReadFixed(ref reader, Venue, "b")); f.HasBidPrice = true; }
                        return;
                    case (byte)'a':
                        if (reader.TokenType == JsonTokenType.StartArray) { JsonValues.ReadLevelArray(ref reader, Venue, "a", Side.Ask, m); f.HasAskLevels = true; }
                        else { m.AskPrice = new Price(JsonValues.ReadFixed(ref reader, Venue, "a")); f.HasAskPrice = true; }
                        return;
                    case (byte)'B': m.BidQuantity = new Quantity(JsonValues.ReadFixed(ref reader, Venue, "B")); f.HasBidQty = true; return;
                    case (byte)'A': m.AskQuantity = new Quantity(JsonValues.ReadFixed(ref reader, Venue, "A")); f.HasAskQty = true; return;
                    case (byte)'p': m.TradePrice = new Price(JsonValues.ReadFixed(ref reader, Venue, "p")); f.HasTradePrice = true; return;
                    case (byte)'q': m.TradeQuantity = new Quantity(JsonValues.ReadFixed(ref reader, Venue, "q")); f.HasTradeQty = true; return;
                    case (byte)'t': m.TradeId = JsonValues.ReadInt64(ref reader, Venue, "t"); f.HasTradeId = true; return;
                    case (byte)'m': f.BuyerIsMaker = JsonValues.ReadBool(ref reader, Venue, "m"); f.HasMaker = true; return;
                }
                break;
            case 2 when name[0] == 'p' && name[1] == 'u':
                m.PrevUpdateId = JsonValues.ReadInt64(ref reader, Venue, "pu");
                return;
            case 4 when name.SequenceEqual("bids"u8):
                JsonValues.ReadLevelArray(ref reader, Venue, "bids", Side.Bid, m);
                f.HasBidLevels = true;
                return;
            case 4 when name.SequenceEqual("asks"u8):
                JsonValues.ReadLevelArray(ref reader, Venue, "asks", Side.Ask, m);
                f.HasAskLevels = true;
                return;
            case 12 when name.SequenceEqual("lastUpdateId"u8):
                f.LastUpdateId = JsonValues.ReadInt64(ref reader, Venue, "lastUpdateId");
                f.HasLastUpdateId = true;
                return;
        }
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
    }

    private void Classify(MarketMessage m, ref Fields f)
    {
        long exchangeMs = f.EventTimeMs != 0 ? f.EventTimeMs : f.TransactTimeMs;
        m.ExchangeTimeNs = UnixTime.FromMillis(exchangeMs);
        if (f.HasLastUpdateId)
        {
            if (!f.HasBidLevels || !f.HasAskLevels) throw new MarketDataException(Venue, "depth snapshot without 'bids' and 'asks'");
            m.Kind = MessageKind.Snapshot;
            m.LastUpdateId = f.LastUpdateId;
            foreach (LevelUpdate l in m.Levels)
            {
                if (l.Quantity.IsZero) throw new MarketDataException(Venue, $"depth snapshot has a zero size at {l.Price}");
            }
            return;
        }
        switch (f.Event)
        {
            case EventType.DepthUpdate:
                Require(f.HasSymbol, "depthUpdate", "s");
                Require(f.HasFirst, "depthUpdate", "U");
                Require(f.HasLast, "depthUpdate", "u");
                Require(f.HasBidLevels, "depthUpdate", "b");
                Require(f.HasAskLevels, "depthUpdate", "a");
                if (m.FirstUpdateId > m.LastUpdateId)
                    throw new MarketDataException(Venue, $"depthUpdate has U {m.FirstUpdateId} > u {m.LastUpdateId}");
                if (Venue != Venue.BinanceSpot && m.PrevUpdateId == MarketMessage.NoId)
                    throw new MarketDataException(Venue, "futures depthUpdate without 'pu'");
                m.Kind = MessageKind.Delta;
                return;
            case EventType.Trade:
                Require(f.HasSymbol, "trade", "s");
                Require(f.HasTradePrice, "trade", "p");
                Require(f.HasTradeQty, "trade", "q");
                Require(f.HasTradeId, "trade", "t");
                Require(f.HasMaker, "trade", "m");
                m.ExchangeTimeNs = UnixTime.FromMillis(f.TransactTimeMs != 0 ? f.TransactTimeMs : f.EventTimeMs);
                // The buyer being the maker means the seller crossed the spread.
                m.Aggressor = f.BuyerIsMaker ? Side.Ask : Side.Bid;
                m.Kind = MessageKind.Trade;
                m.ClearLevels();
                return;
            case EventType.BookTicker:
            case EventType.None when f.HasLast && f.HasBidPrice && f.HasAskPrice:
                Require(f.HasSymbol, "bookTicker", "s");
                Require(f.HasLast, "bookTicker", "u");
                Require(f.HasBidPrice, "bookTicker", "b");
                Require(f.HasBidQty, "bookTicker", "B");
                Require(f.HasAskPrice, "bookTicker", "a");
                Require(f.HasAskQty, "bookTicker", "A");
                m.Kind = MessageKind.BestBidAsk;
                return;
            default:
                m.Kind = MessageKind.Other;
                m.ClearLevels();
                return;
        }
    }

    private void Require(bool present, string what, string field)
    {
        if (!present) throw new MarketDataException(Venue, $"{what} without '{field}'");
    }
}
