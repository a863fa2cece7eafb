using System.Buffers;
using System.Text.Json;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>Reads venue values (decimal strings, integer ids, ISO times) from a Utf8JsonReader without allocating.</summary>
internal static class JsonValues
{
    public static long ReadFixed(ref Utf8JsonReader reader, Venue venue, string field)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
            throw new MarketDataException(venue, $"'{field}' should be a decimal string, found {reader.TokenType}");
        Span<byte> scratch = stackalloc byte[64];
        ReadOnlySpan<byte> span = reader.ValueIsEscaped && reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.ValueSpan;
        if (!FixedPoint.TryParse(span, out long raw, out string? error))
            throw new MarketDataException(venue, $"bad number '{Text(span)}' in '{field}': {error}");
        return raw;
    }

    public static long ReadInt64(ref Utf8JsonReader reader, Venue venue, string field)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long v)) return v;
        if (reader.TokenType == JsonTokenType.String)
        {
            Span<byte> scratch = stackalloc byte[64];
        ReadOnlySpan<byte> span = reader.ValueIsEscaped && reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.ValueSpan;
            if (System.Buffers.Text.Utf8Parser.TryParse(span, out long parsed, out int consumed) && consumed == span.Length) return parsed;
        }
        throw new MarketDataException(venue, $"'{field}' should be an integer, found {reader.TokenType} {Text(reader.ValueSpan)}");
    }

    public static bool ReadBool(ref Utf8JsonReader reader, Venue venue, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new MarketDataException(venue, $"'{field}' should be true or false, found {reader.TokenType}"),
    };

    public static long ReadIsoTime(ref Utf8JsonReader reader, Venue venue, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new MarketDataException(venue, $"'{field}' should be an RFC 3339 time string, found {reader.TokenType}");
        Span<byte> scratch = stackalloc byte[64];
        ReadOnlySpan<byte> span = reader.ValueIsEscaped && reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.ValueSpan;
        if (!UnixTime.TryParseIso(span, out long ns))
            throw new MarketDataException(venue, $"bad time '{Text(span)}' in '{field}'");
        return ns;
    }

    public static string Text(ReadOnlySpan<byte> span) =>
        System.Text.Encoding.UTF8.GetString(span.Length > 40 ? span[..40] : span) + (span.Length > 40 ? "..." : "");

    /// <summary>Reads [[price, size, ...], ...] into <paramref name="into"/> for one side.</summary>
    public static void ReadLevelArray(ref Utf8JsonReader reader, Venue venue, string field, Side side, MarketMessage into)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new MarketDataException(venue, $"'{field}' should be an array of [price, size], found {reader.TokenType}");
        int index = 0;
        while (Next(ref reader, venue) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new MarketDataException(venue, $"'{field}'[{index}] should be [price, size], found {reader.TokenType}");
            Next(ref reader, venue);
            long price = ReadFixed(ref reader, venue, field);
            if (Next(ref reader, venue) == JsonTokenType.EndArray)
                throw new MarketDataException(venue, $"'{field}'[{index}] has a price but no size");
            long size = ReadFixed(ref reader, venue, field);
            while (Next(ref reader, venue) != JsonTokenType.EndArray)
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject) reader.Skip();
            }
            if (price == 0) throw new MarketDataException(venue, $"'{field}'[{index}] has a zero price");
            into.AddLevel(new LevelUpdate(side, new Price(price), new Quantity(size)));
            index++;
        }
    }

    /// <summary>True when the current token is a string equal to <paramref name="text"/> (false for any other token).</summary>
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> text) =>
        reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(text);

    public static JsonTokenType Next(ref Utf8JsonReader reader, Venue venue)
    {
        if (!reader.Read()) throw new MarketDataException(venue, "truncated JSON");
        return reader.TokenType;
    }
}
