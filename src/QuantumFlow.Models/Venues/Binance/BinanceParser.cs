using System.Text.Json;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues.Binance;

/// <summary>
/// Binance market data: combined-stream envelopes (<c>{"stream":..,"data":{..}}</c>) or bare payloads of
/// <c>depthUpdate</c>, <c>trade</c>, <c>aggTrade</c>, <c>bookTicker</c> and the REST depth snapshot, for spot and futures alike.
/// An <c>aggTrade</c> (the trade stream recorders such as cryptofeed subscribe to) is a trade whose id is its aggregate
/// id <c>a</c>. Both streams number the same fills (a trade's <c>t</c>, an aggTrade's first and last <c>f</c>..<c>l</c>),
/// so a fill already covered, by either stream or by a replay after a reconnect, comes back as
/// <see cref="MessageKind.Other"/>: a connection that carries both streams counts each fill once.
/// The spot and USD-M REST snapshots do not name their symbol: they come back with an empty
/// <see cref="MarketMessage.Symbol"/> and the session fills it from the request (or a recording from the messages
/// around it). COIN-M's does (<c>"symbol"</c>), so a COIN-M recording may begin with its snapshot.
/// </summary>
public sealed class BinanceParser : IVenueParser
{
    private readonly MessagePool _pool = new();
    private readonly SymbolTable _symbols = new();
    // Per symbol, the highest trade id a trade or aggTrade has covered (as many symbols as _symbols interns).
    private readonly Dictionary<string, long> _lastTradeId = new(StringComparer.Ordinal);
    private const int MaxTrackedSymbols = 4096;

    public BinanceParser(Venue venue)
    {
        if (venue is not (Venue.BinanceSpot or Venue.BinanceUsdm or Venue.BinanceCoinm))
            throw new ArgumentException($"{venue} is not a Binance venue", nameof(venue));
        Venue = venue;
    }

    public Venue Venue { get; }

    public long PayloadSequence => MarketMessage.NoId;

    /// <summary>A combined-stream envelope names the stream first: <c>{"stream":"btcusdt@bookTicker",...</c>.</summary>
    public bool IsBestBidAskOnly(ReadOnlySpan<byte> payload)
    {
        if (!payload.StartsWith("{\"stream\":\""u8)) return false;
        ReadOnlySpan<byte> rest = payload[11..];
        int end = rest.IndexOf((byte)'"');
        return end > 0 && rest[..end].EndsWith("@bookTicker"u8);
    }

    public ReadOnlySpan<MarketMessage> Parse(ReadOnlySpan<byte> payload, long receiveTimeNs)
    {
        _pool.Clear();
        MarketMessage m = _pool.Rent(MessageKind.Other, Venue, receiveTimeNs);
        try
        {
            var flat = new Fields();
            if (TryParseFlat(payload, m, ref flat))
            {
                Classify(m, ref flat);
                return _pool.Filled;
            }
        }
        catch (MarketDataException)
        {
            // The fast path met a bad value: the full reader reports it in context (or finds the JSON malformed first).
        }
        return ParseWithReader(payload, receiveTimeNs);
    }

    /// <summary>The full JSON reader path alone (tests compare it with the fast path).</summary>
    internal ReadOnlySpan<MarketMessage> ParseWithReader(ReadOnlySpan<byte> payload, long receiveTimeNs)
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

    private struct Fields
    {
        public EventType Event;
        public bool HasSymbol, HasFirst, HasLast, HasLastUpdateId, HasBidLevels, HasAskLevels;
        public bool HasTradePrice, HasTradeQty, HasTradeId, HasMaker, HasBidPrice, HasAskPrice, HasBidQty, HasAskQty, HasAggregateId, HasLastTradeId;
        public long EventTimeMs, TransactTimeMs, LastUpdateId, AggregateId, LastTradeId;
        public bool BuyerIsMaker;
    }

    private enum EventType : byte { None, DepthUpdate, Trade, AggregateTrade, BookTicker, Other }

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
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                if (name.SequenceEqual("b"u8) || name.SequenceEqual("bids"u8))
                {
                    JsonValues.ReadLevelArray(ref reader, Venue, name.Length == 1 ? "b" : "bids", Side.Bid, m);
                    f.HasBidLevels = true;
                }
                else if (name.SequenceEqual("a"u8) || name.SequenceEqual("asks"u8))
                {
                    JsonValues.ReadLevelArray(ref reader, Venue, name.Length == 1 ? "a" : "asks", Side.Ask, m);
                    f.HasAskLevels = true;
                }
                else
                {
                    reader.Skip();
                }
                return;
            case JsonTokenType.StartObject:
                if (IsKnownScalar(name)) throw new MarketDataException(Venue, $"'{JsonValues.Text(name)}' should be a value, found StartObject");
                reader.Skip();
                return;
            default:
                Span<byte> scratch = stackalloc byte[64];
                ReadOnlySpan<byte> value = reader.ValueIsEscaped && reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.ValueSpan;
                ApplyScalar(name, reader.TokenType, value, m, ref f);
                return;
        }
    }

    private static bool IsKnownScalar(ReadOnlySpan<byte> name) =>
        name.Length == 1 ? "eETsUubaBApqtm"u8.Contains(name[0]) : name.SequenceEqual("pu"u8) || name.SequenceEqual("lastUpdateId"u8);

    /// <summary>One scalar field (string, number, true, false, null) of a Binance payload; both parsing paths land here.</summary>
    private void ApplyScalar(ReadOnlySpan<byte> name, JsonTokenType kind, ReadOnlySpan<byte> value, MarketMessage m, ref Fields f)
    {
        switch (name.Length)
        {
            case 1:
                switch (name[0])
                {
                    case (byte)'e':
                        if (kind != JsonTokenType.String) throw new MarketDataException(Venue, "'e' should be a string");
                        f.Event = value.SequenceEqual("depthUpdate"u8) ? EventType.DepthUpdate
                            : value.SequenceEqual("trade"u8) ? EventType.Trade
                            : value.SequenceEqual("aggTrade"u8) ? EventType.AggregateTrade
                            : value.SequenceEqual("bookTicker"u8) ? EventType.BookTicker
                            : EventType.Other;
                        return;
                    case (byte)'E': f.EventTimeMs = Int64(kind, value, "E"); return;
                    case (byte)'T': f.TransactTimeMs = Int64(kind, value, "T"); return;
                    case (byte)'s':
                        if (kind != JsonTokenType.String) throw new MarketDataException(Venue, "'s' (symbol) should be a string");
                        m.Symbol = _symbols.Get(value);
                        f.HasSymbol = m.Symbol.Length > 0;
                        return;
                    case (byte)'U': m.FirstUpdateId = Int64(kind, value, "U"); f.HasFirst = true; return;
                    case (byte)'u': m.LastUpdateId = Int64(kind, value, "u"); f.HasLast = true; return;
                    case (byte)'b': m.BidPrice = new Price(Fixed(kind, value, "b")); f.HasBidPrice = true; return;
                    case (byte)'a':
                        // A bookTicker's ask price is a string; an aggTrade's 'a' is its aggregate id, a number, and
                        // the event type may come after it.
                        if (kind == JsonTokenType.Number && IsInteger(value, out long id))
                        {
                            f.AggregateId = id;
                            f.HasAggregateId = true;
                            if (FixedPoint.TryParse(value, out long raw, out _)) { m.AskPrice = new Price(raw); f.HasAskPrice = true; }
                            return;
                        }
                        m.AskPrice = new Price(Fixed(kind, value, "a"));
                        f.HasAskPrice = true;
                        return;
                    case (byte)'B': m.BidQuantity = new Quantity(Fixed(kind, value, "B")); f.HasBidQty = true; return;
                    case (byte)'A': m.AskQuantity = new Quantity(Fixed(kind, value, "A")); f.HasAskQty = true; return;
                    case (byte)'p': m.TradePrice = new Price(Fixed(kind, value, "p")); f.HasTradePrice = true; return;
                    case (byte)'q': m.TradeQuantity = new Quantity(Fixed(kind, value, "q")); f.HasTradeQty = true; return;
                    case (byte)'t': m.TradeId = Int64(kind, value, "t"); f.HasTradeId = true; return;
                    case (byte)'l':
                        // An aggTrade's last trade id; other payloads may use the name for something else.
                        if (kind == JsonTokenType.Number && IsInteger(value, out long last))
                        {
                            f.LastTradeId = last;
                            f.HasLastTradeId = true;
                        }
                        return;
                    case (byte)'m':
                        f.BuyerIsMaker = kind switch
                        {
                            JsonTokenType.True => true,
                            JsonTokenType.False => false,
                            _ => throw new MarketDataException(Venue, $"'m' should be true or false, found {kind}"),
                        };
                        f.HasMaker = true;
                        return;
                }
                return;
            case 2 when name[0] == 'p' && name[1] == 'u':
                m.PrevUpdateId = Int64(kind, value, "pu");
                return;
            case 4 when name.SequenceEqual("bids"u8) || name.SequenceEqual("asks"u8):
                throw new MarketDataException(Venue, $"'{JsonValues.Text(name)}' should be an array of [price, size], found {kind}");
            case 6 when name.SequenceEqual("symbol"u8):
                if (kind != JsonTokenType.String) throw new MarketDataException(Venue, "'symbol' should be a string");
                if (!f.HasSymbol)
                {
                    m.Symbol = _symbols.Get(value);
                    f.HasSymbol = m.Symbol.Length > 0;
                }
                return;
            case 12 when name.SequenceEqual("lastUpdateId"u8):
                f.LastUpdateId = Int64(kind, value, "lastUpdateId");
                f.HasLastUpdateId = true;
                return;
        }
    }

    private long Fixed(JsonTokenType kind, ReadOnlySpan<byte> value, string field)
    {
        if (kind is not (JsonTokenType.String or JsonTokenType.Number))
            throw new MarketDataException(Venue, $"'{field}' should be a decimal string, found {kind}");
        if (!FixedPoint.TryParse(value, out long raw, out string? error))
            throw new MarketDataException(Venue, $"bad number '{JsonValues.Text(value)}' in '{field}': {error}");
        return raw;
    }

    private long Int64(JsonTokenType kind, ReadOnlySpan<byte> value, string field)
    {
        if (kind is JsonTokenType.Number or JsonTokenType.String && IsInteger(value, out long v))
            return v;
        throw new MarketDataException(Venue, $"'{field}' should be an integer, found {kind} {JsonValues.Text(value)}");
    }

    /// <summary>
    /// The fast path for Binance's own message shapes: a scan of <c>{"key":scalar | [[price,size],...],...}</c>,
    /// optionally wrapped in the combined-stream envelope (depthUpdate, bookTicker, trade, depth snapshot). Anything
    /// else (other arrays, escapes, deeper nesting, malformed text, a bad level) returns false and goes to the general
    /// JSON reader, which also words the errors. Both end in the same field handling.
    /// </summary>
    private bool TryParseFlat(ReadOnlySpan<byte> json, MarketMessage m, ref Fields f)
    {
        int i = 0;
        return ScanObject(json, ref i, m, ref f, envelope: true) && SkipWhitespace(json, ref i) == json.Length;
    }

    private bool ScanObject(ReadOnlySpan<byte> json, ref int i, MarketMessage m, ref Fields f, bool envelope)
    {
        if (SkipWhitespace(json, ref i) >= json.Length || json[i] != (byte)'{') return false;
        i++;
        if (SkipWhitespace(json, ref i) < json.Length && json[i] == (byte)'}') { i++; return true; }
        while (true)
        {
            if (!ScanString(json, ref i, out ReadOnlySpan<byte> name)) return false;
            if (SkipWhitespace(json, ref i) >= json.Length || json[i] != (byte)':') return false;
            i++;
            if (SkipWhitespace(json, ref i) >= json.Length) return false;
            byte c = json[i];
            if (c == (byte)'{')
            {
                if (!envelope || !name.SequenceEqual("data"u8) || !ScanObject(json, ref i, m, ref f, envelope: false)) return false;
            }
            else if (c == (byte)'[')
            {
                bool bids = name.SequenceEqual("b"u8) || name.SequenceEqual("bids"u8);
                if (!bids && !name.SequenceEqual("a"u8) && !name.SequenceEqual("asks"u8)) return false;
                if (!ScanLevels(json, ref i, bids ? Side.Bid : Side.Ask, m)) return false;
                if (bids) f.HasBidLevels = true; else f.HasAskLevels = true;
            }
            else if (c == (byte)'"')
            {
                if (!ScanString(json, ref i, out ReadOnlySpan<byte> value)) return false;
                ApplyScalar(name, JsonTokenType.String, value, m, ref f);
            }
            else
            {
                int start = i;
                while (i < json.Length && json[i] is not ((byte)',' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) i++;
                ReadOnlySpan<byte> literal = json[start..i];
                JsonTokenType kind = literal.SequenceEqual("true"u8) ? JsonTokenType.True
                    : literal.SequenceEqual("false"u8) ? JsonTokenType.False
                    : literal.SequenceEqual("null"u8) ? JsonTokenType.Null
                    : IsNumber(literal) ? JsonTokenType.Number
                    : JsonTokenType.None;
                if (kind == JsonTokenType.None) return false;
                ApplyScalar(name, kind, literal, m, ref f);
            }
            if (SkipWhitespace(json, ref i) >= json.Length) return false;
            if (json[i] == (byte)'}') { i++; return true; }
            if (json[i] != (byte)',') return false;
            i++;
        }
    }

    /// <summary>[["price","size"],...]: exactly two strings per level; anything else goes to the full reader.</summary>
    private static bool ScanLevels(ReadOnlySpan<byte> json, ref int i, Side side, MarketMessage m)
    {
        i++; // '['
        if (SkipWhitespace(json, ref i) < json.Length && json[i] == (byte)']') { i++; return true; }
        while (true)
        {
            if (SkipWhitespace(json, ref i) >= json.Length || json[i] != (byte)'[') return false;
            i++;
            if (!ScanString(json, ref i, out ReadOnlySpan<byte> price)) return false;
            if (SkipWhitespace(json, ref i) >= json.Length || json[i] != (byte)',') return false;
            i++;
            if (!ScanString(json, ref i, out ReadOnlySpan<byte> size)) return false;
            if (SkipWhitespace(json, ref i) >= json.Length || json[i] != (byte)']') return false;
            i++;
            if (!FixedPoint.TryParse(price, out long p, out _) || !FixedPoint.TryParse(size, out long q, out _) || p == 0) return false;
            m.AddLevel(new LevelUpdate(side, new Price(p), new Quantity(q)));
            if (SkipWhitespace(json, ref i) >= json.Length) return false;
            if (json[i] == (byte)']') { i++; return true; }
            if (json[i] != (byte)',') return false;
            i++;
        }
    }

    private static bool ScanString(ReadOnlySpan<byte> json, ref int i, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (SkipWhitespace(json, ref i) >= json.Length || json[i] != (byte)'"') return false;
        int end = json[(i + 1)..].IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || json[i + 1 + end] != (byte)'"') return false; // escapes: the full reader unescapes
        value = json.Slice(i + 1, end);
        foreach (byte b in value)
        {
            if (b < 0x20) return false; // control characters are invalid JSON: let the full reader say so
        }
        i += end + 2;
        return true;
    }

    private static bool IsNumber(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        int k = s[0] == (byte)'-' ? 1 : 0;
        if (k == s.Length) return false;
        for (; k < s.Length; k++)
        {
            if ((uint)(s[k] - '0') > 9) return false; // fractions and exponents: the full reader
        }
        return true;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, ref int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i;
    }

    private void Classify(MarketMessage m, ref Fields f)
    {
        if (f.EventTimeMs is < 0 or > UnixTime.MaxMillis) throw new MarketDataException(Venue, $"'E' {f.EventTimeMs} is not a time in milliseconds");
        if (f.TransactTimeMs is < 0 or > UnixTime.MaxMillis) throw new MarketDataException(Venue, $"'T' {f.TransactTimeMs} is not a time in milliseconds");
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
            case EventType.AggregateTrade:
                string what = f.Event == EventType.Trade ? "trade" : "aggTrade";
                Require(f.HasSymbol, what, "s");
                Require(f.HasTradePrice, what, "p");
                Require(f.HasTradeQty, what, "q");
                if (f.Event == EventType.Trade) Require(f.HasTradeId, what, "t");
                else
                {
                    if (!f.HasAggregateId) throw new MarketDataException(Venue, "aggTrade without 'a' (its aggregate id, an integer)");
                    m.TradeId = f.AggregateId;
                    m.AskPrice = default;
                }
                Require(f.HasMaker, what, "m");
                long covers = f.Event == EventType.Trade ? m.TradeId : f.HasLastTradeId ? f.LastTradeId : long.MinValue;
                if (covers != long.MinValue && !CoversNewFills(m.Symbol, covers))
                {
                    m.Kind = MessageKind.Other;
                    m.ClearLevels();
                    return;
                }
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

    private static bool IsInteger(ReadOnlySpan<byte> value, out long v) =>
        System.Buffers.Text.Utf8Parser.TryParse(value, out v, out int used) && used == value.Length && value.Length > 0;

    private bool CoversNewFills(string symbol, long lastTradeId)
    {
        if (_lastTradeId.Count >= MaxTrackedSymbols && !_lastTradeId.ContainsKey(symbol)) return true;
        ref long seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lastTradeId, symbol, out bool known);
        if (known && lastTradeId <= seen) return false;
        seen = lastTradeId;
        return true;
    }

    private void Require(bool present, string what, string field)
    {
        if (!present) throw new MarketDataException(Venue, $"{what} without '{field}'");
    }
}
