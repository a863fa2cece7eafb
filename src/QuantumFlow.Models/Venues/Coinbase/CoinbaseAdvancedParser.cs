using System.Text.Json;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues.Coinbase;

/// <summary>
/// Coinbase Advanced Trade WebSocket: <c>l2_data</c> (snapshot/update events with absolute <c>new_quantity</c>),
/// <c>market_trades</c>, <c>heartbeats</c>, and the other channels as <see cref="MessageKind.Other"/>.
/// Every message carries the connection's <c>sequence_num</c>, exposed as <see cref="PayloadSequence"/> for the
/// connection-level gap check; events are self-describing, so field order does not matter.
/// </summary>
public sealed class CoinbaseAdvancedParser : IVenueParser
{
    private readonly MessagePool _pool = new();
    private readonly SymbolTable _symbols = new();

    public Venue Venue => Venue.CoinbaseAdvanced;

    public long PayloadSequence { get; private set; } = MarketMessage.NoId;

    public ReadOnlySpan<MarketMessage> Parse(ReadOnlySpan<byte> payload, long receiveTimeNs)
    {
        _pool.Clear();
        PayloadSequence = MarketMessage.NoId;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new MarketDataException(Venue, "payload is not a JSON object");
            long sequence = MarketMessage.NoId;
            long timestamp = 0;
            bool isError = false;
            string? errorMessage = null;
            while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndObject)
            {
                ReadOnlySpan<byte> name = reader.ValueSpan;
                JsonValues.Next(ref reader, Venue);
                if (name.SequenceEqual("sequence_num"u8)) sequence = JsonValues.ReadInt64(ref reader, Venue, "sequence_num");
                else if (name.SequenceEqual("timestamp"u8)) timestamp = JsonValues.ReadIsoTime(ref reader, Venue, "timestamp");
                else if (name.SequenceEqual("events"u8)) ReadEvents(ref reader, receiveTimeNs);
                else if (name.SequenceEqual("type"u8)) isError = JsonValues.Is(ref reader, "error"u8);
                else if (name.SequenceEqual("message"u8) && reader.TokenType == JsonTokenType.String) errorMessage = reader.GetString();
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            if (isError) throw new MarketDataException(Venue, $"venue error: {errorMessage ?? "(no message)"}");
            PayloadSequence = sequence;
            foreach (MarketMessage m in _pool.Filled)
            {
                if (m.Kind is MessageKind.Snapshot or MessageKind.Delta)
                {
                    m.FirstUpdateId = m.LastUpdateId = sequence;
                    m.ExchangeTimeNs = timestamp;
                }
                else if (m.Kind == MessageKind.Heartbeat)
                {
                    m.ExchangeTimeNs = timestamp;
                }
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

    private void ReadEvents(ref Utf8JsonReader reader, long receiveTimeNs)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new MarketDataException(Venue, "'events' should be an array");
        while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new MarketDataException(Venue, "an event should be an object");
            ReadEvent(ref reader, receiveTimeNs);
        }
    }

    private void ReadEvent(ref Utf8JsonReader reader, long receiveTimeNs)
    {
        MarketMessage? book = null;
        string symbol = "";
        bool isSnapshot = false, isUpdate = false, isHeartbeat = false;
        while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndObject)
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            JsonValues.Next(ref reader, Venue);
            if (name.SequenceEqual("type"u8))
            {
                isSnapshot = JsonValues.Is(ref reader, "snapshot"u8);
                isUpdate = JsonValues.Is(ref reader, "update"u8);
            }
            else if (name.SequenceEqual("product_id"u8))
            {
                if (reader.TokenType != JsonTokenType.String) throw new MarketDataException(Venue, "'product_id' should be a string");
                symbol = _symbols.Get(reader.ValueSpan);
            }
            else if (name.SequenceEqual("updates"u8))
            {
                book = _pool.Rent(MessageKind.Other, Venue, receiveTimeNs);
                ReadLevels(ref reader, book);
            }
            else if (name.SequenceEqual("trades"u8)) ReadTrades(ref reader, receiveTimeNs);
            else if (name.SequenceEqual("heartbeat_counter"u8)) { isHeartbeat = true; reader.Skip(); }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        if (book is not null)
        {
            if (symbol.Length == 0) throw new MarketDataException(Venue, "l2_data event without 'product_id'");
            if (!isSnapshot && !isUpdate) throw new MarketDataException(Venue, "l2_data event whose 'type' is neither snapshot nor update");
            book.Symbol = symbol;
            book.Kind = isSnapshot ? MessageKind.Snapshot : MessageKind.Delta;
            if (isSnapshot)
            {
                foreach (LevelUpdate l in book.Levels)
                {
                    if (l.Quantity.IsZero) throw new MarketDataException(Venue, $"l2_data snapshot of {symbol} has a zero size at {l.Price}");
                }
            }
        }
        else if (isHeartbeat)
        {
            _pool.Rent(MessageKind.Heartbeat, Venue, receiveTimeNs);
        }
    }

    private void ReadLevels(ref Utf8JsonReader reader, MarketMessage into)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new MarketDataException(Venue, "'updates' should be an array");
        int index = 0;
        while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new MarketDataException(Venue, $"updates[{index}] should be an object");
            int side = -1;
            long price = -1, size = -1;
            while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndObject)
            {
                ReadOnlySpan<byte> name = reader.ValueSpan;
                JsonValues.Next(ref reader, Venue);
                if (name.SequenceEqual("side"u8))
                {
                    side = JsonValues.Is(ref reader, "bid"u8) ? 0 : JsonValues.Is(ref reader, "offer"u8) || JsonValues.Is(ref reader, "ask"u8) ? 1
                        : throw new MarketDataException(Venue, $"updates[{index}] has unknown side '{JsonValues.Text(reader.ValueSpan)}'");
                }
                else if (name.SequenceEqual("price_level"u8)) price = JsonValues.ReadFixed(ref reader, Venue, "price_level");
                else if (name.SequenceEqual("new_quantity"u8)) size = JsonValues.ReadFixed(ref reader, Venue, "new_quantity");
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            if (side < 0) throw new MarketDataException(Venue, $"updates[{index}] without 'side'");
            if (price < 0) throw new MarketDataException(Venue, $"updates[{index}] without 'price_level'");
            if (size < 0) throw new MarketDataException(Venue, $"updates[{index}] without 'new_quantity'");
            if (price == 0) throw new MarketDataException(Venue, $"updates[{index}] has a zero price");
            into.AddLevel(new LevelUpdate((Side)side, new Price(price), new Quantity(size)));
            index++;
        }
    }

    private void ReadTrades(ref Utf8JsonReader reader, long receiveTimeNs)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new MarketDataException(Venue, "'trades' should be an array");
        int index = 0;
        while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new MarketDataException(Venue, $"trades[{index}] should be an object");
            MarketMessage t = _pool.Rent(MessageKind.Trade, Venue, receiveTimeNs);
            bool hasPrice = false, hasSize = false, hasSide = false;
            while (JsonValues.Next(ref reader, Venue) != JsonTokenType.EndObject)
            {
                ReadOnlySpan<byte> name = reader.ValueSpan;
                JsonValues.Next(ref reader, Venue);
                if (name.SequenceEqual("product_id"u8) && reader.TokenType == JsonTokenType.String) t.Symbol = _symbols.Get(reader.ValueSpan);
                else if (name.SequenceEqual("trade_id"u8)) t.TradeId = JsonValues.ReadInt64(ref reader, Venue, "trade_id");
                else if (name.SequenceEqual("price"u8)) { t.TradePrice = new Price(JsonValues.ReadFixed(ref reader, Venue, "price")); hasPrice = true; }
                else if (name.SequenceEqual("size"u8)) { t.TradeQuantity = new Quantity(JsonValues.ReadFixed(ref reader, Venue, "size")); hasSize = true; }
                else if (name.SequenceEqual("time"u8)) t.ExchangeTimeNs = JsonValues.ReadIsoTime(ref reader, Venue, "time");
                else if (name.SequenceEqual("side"u8))
                {
                    // Coinbase reports the maker's side; the aggressor is the other one.
                    t.Aggressor = JsonValues.Is(ref reader, "BUY"u8) ? Side.Ask : JsonValues.Is(ref reader, "SELL"u8) ? Side.Bid
                        : throw new MarketDataException(Venue, $"trades[{index}] has unknown side '{JsonValues.Text(reader.ValueSpan)}'");
                    hasSide = true;
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            if (t.Symbol.Length == 0 || !hasPrice || !hasSize || !hasSide)
                throw new MarketDataException(Venue, $"trades[{index}] lacks one of product_id, price, size, side");
            index++;
        }
    }
}
