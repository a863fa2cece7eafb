using System.Text.Json;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues.Coinbase;

/// <summary>
/// The older Coinbase Exchange WebSocket feed: <c>snapshot</c> (bids/asks) and <c>l2update</c>
/// (<c>changes</c> of [buy|sell, price, absolute size]); <c>match</c>/<c>last_match</c> are trades; the rest is
/// <see cref="MessageKind.Other"/>. Its level2 channel has no sequence numbers, so gaps cannot be seen here.
/// </summary>
public sealed class CoinbaseExchangeParser : IVenueParser
{
    private readonly MessagePool _pool = new();
    private readonly SymbolTable _symbols = new();

    public Venue Venue => Venue.CoinbaseExchange;

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
            Kind kind = Kind.Other;
            bool hasBids = false, hasAsks = false, hasChanges = false, hasPrice = false, hasSize = false, hasSide = false;
            string? errorMessage = null;
            while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndObject)
            {
                ReadOnlySpan<byte> name = reader.ValueSpan;
                JsonValues.Next(ref reader, Venue);
                if (name.SequenceEqual("type"u8))
                {
                    kind = JsonValues.Is(ref reader, "snapshot"u8) ? Kind.Snapshot
                        : reader.ValueTextEquals("l2update"u8) ? Kind.Update
                        : JsonValues.Is(ref reader, "match"u8) || JsonValues.Is(ref reader, "last_match"u8) ? Kind.Match
                        : JsonValues.Is(ref reader, "error"u8) ? Kind.Error
                        : Kind.Other;
                }
                else if (name.SequenceEqual("product_id"u8) && reader.TokenType == JsonTokenType.String) m.Symbol = _symbols.Get(reader.ValueSpan);
                else if (name.SequenceEqual("bids"u8)) { JsonValues.ReadLevelArray(ref reader, Venue, "bids", Side.Bid, m); hasBids = true; }
                else if (name.SequenceEqual("asks"u8)) { JsonValues.ReadLevelArray(ref reader, Venue, "asks", Side.Ask, m); hasAsks = true; }
                else if (name.SequenceEqual("changes"u8)) { ReadChanges(ref reader, m); hasChanges = true; }
                else if (name.SequenceEqual("time"u8) && reader.TokenType == JsonTokenType.String) m.ExchangeTimeNs = JsonValues.ReadIsoTime(ref reader, Venue, "time");
                else if (name.SequenceEqual("trade_id"u8)) m.TradeId = JsonValues.ReadInt64(ref reader, Venue, "trade_id");
                else if (name.SequenceEqual("price"u8)) { m.TradePrice = new Price(JsonValues.ReadFixed(ref reader, Venue, "price")); hasPrice = true; }
                else if (name.SequenceEqual("size"u8)) { m.TradeQuantity = new Quantity(JsonValues.ReadFixed(ref reader, Venue, "size")); hasSize = true; }
                else if (name.SequenceEqual("side"u8) && reader.TokenType == JsonTokenType.String)
                {
                    // In a match, side is the maker order's side: the aggressor is the other one.
                    m.Aggressor = JsonValues.Is(ref reader, "buy"u8) ? Side.Ask : Side.Bid;
                    hasSide = JsonValues.Is(ref reader, "buy"u8) || JsonValues.Is(ref reader, "sell"u8);
                }
                else if (name.SequenceEqual("message"u8) && reader.TokenType == JsonTokenType.String) errorMessage = reader.GetString();
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            switch (kind)
            {
                case Kind.Error:
                    throw new MarketDataException(Venue, $"venue error: {errorMessage ?? "(no message)"}");
                case Kind.Snapshot:
                    if (m.Symbol.Length == 0 || !hasBids || !hasAsks) throw new MarketDataException(Venue, "snapshot lacks product_id, bids or asks");
                    foreach (LevelUpdate l in m.Levels)
                    {
                        if (l.Quantity.IsZero) throw new MarketDataException(Venue, $"snapshot of {m.Symbol} has a zero size at {l.Price}");
                    }
                    m.Kind = MessageKind.Snapshot;
                    break;
                case Kind.Update:
                    if (m.Symbol.Length == 0 || !hasChanges) throw new MarketDataException(Venue, "l2update lacks product_id or changes");
                    m.Kind = MessageKind.Delta;
                    break;
                case Kind.Match:
                    if (m.Symbol.Length == 0 || !hasPrice || !hasSize || !hasSide) throw new MarketDataException(Venue, "match lacks product_id, price, size or side");
                    m.Kind = MessageKind.Trade;
                    m.ClearLevels();
                    break;
                default:
                    m.ClearLevels();
                    break;
            }
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

    private enum Kind : byte { Other, Snapshot, Update, Match, Error }

    private void ReadChanges(ref Utf8JsonReader reader, MarketMessage into)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new MarketDataException(Venue, "'changes' should be an array");
        int index = 0;
        while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new MarketDataException(Venue, $"changes[{index}] should be [side, price, size]");
            JsonValues.Next(ref reader, Venue);
            Side side = JsonValues.Is(ref reader, "buy"u8) ? Side.Bid : JsonValues.Is(ref reader, "sell"u8) ? Side.Ask
                : throw new MarketDataException(Venue, $"changes[{index}] has unknown side '{JsonValues.Text(reader.ValueSpan)}'");
            JsonValues.Next(ref reader, Venue);
            long price = JsonValues.ReadFixed(ref reader, Venue, "changes");
            if (JsonValues.Next(ref reader, Venue) == JsonTokenType.EndArray) throw new MarketDataException(Venue, $"changes[{index}] has no size");
            long size = JsonValues.ReadFixed(ref reader, Venue, "changes");
            while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndArray)
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject) reader.Skip();
            }
            if (price == 0) throw new MarketDataException(Venue, $"changes[{index}] has a zero price");
            into.AddLevel(new LevelUpdate(side, new Price(price), new Quantity(size)));
            index++;
        }
    }
}
