using System.Text;
using System.Text.Json;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// cryptofeed's v3 captures: zstd JSON lines, a header naming the exchange, then
/// <c>{"t":"http"|"connect"|"send"|"recv","conn","ts","url"?,"data":"&lt;raw payload as a JSON string&gt;"}</c>.
/// Received messages and REST depth responses are returned; sent messages and other REST calls are skipped.
/// The captures store lines grouped by connection (every REST call, then every websocket message), so the reader
/// loads the capture (seconds long, a few MB) and replays it in receive-time order, as the venue delivered it.
/// </summary>
public sealed class CryptofeedReader : IRecordingReader
{
    private readonly LineReader _lines;
    private readonly string _name;
    private byte[] _data = new byte[1 << 16];
    private List<Entry>? _entries;
    private int _next;
    private long _lineOfLast;

    public CryptofeedReader(string path)
    {
        _name = System.IO.Path.GetFileName(path);
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        _lines = new LineReader(path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) ? new ZstdSharp.DecompressionStream(file) : file);
        Venue = ReadHeader();
    }

    public Venue Venue { get; }
    public string Location => $"{_name} line {(_entries is null ? _lines.LineNumber : _lineOfLast)}";

    /// <summary>cryptofeed exchange names of the venues QuantumFlow can rebuild books for.</summary>
    public static Venue VenueOf(string exchange) => exchange switch
    {
        "COINBASE" => Venue.CoinbaseAdvanced,
        "BINANCE" or "BINANCE_US" => Venue.BinanceSpot,
        "BINANCE_FUTURES" => Venue.BinanceUsdm,
        "BINANCE_DELIVERY" => Venue.BinanceCoinm,
        _ => Venue.Unknown,
    };

    private Venue ReadHeader()
    {
        if (!_lines.TryReadLine(out ReadOnlySpan<byte> line))
            throw new MarketDataException(Venue.Unknown, "empty recording", Location);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(line.ToArray());
            if (!doc.RootElement.TryGetProperty("t", out JsonElement t) || t.GetString() != "header" ||
                !doc.RootElement.TryGetProperty("exchange", out JsonElement ex))
                throw new MarketDataException(Venue.Unknown, "first line is not a cryptofeed header with an exchange", Location);
            string exchange = ex.GetString() ?? "";
            Venue venue = VenueOf(exchange);
            if (venue == Venue.Unknown)
                throw new MarketDataException(Venue.Unknown, $"exchange '{exchange}' is not supported (Binance spot/futures and Coinbase are)", Location);
            return venue;
        }
        catch (JsonException e)
        {
            throw new MarketDataException(Venue.Unknown, $"malformed header: {e.Message}", Location, e);
        }
    }

    public bool TryRead(out RecordedPayload payload)
    {
        _entries ??= Load();
        if (_next >= _entries.Count)
        {
            payload = default;
            return false;
        }
        Entry e = _entries[_next++];
        _lineOfLast = e.Line;
        if (e.Error is not null) throw new MarketDataException(Venue, e.Error, Location);
        payload = new RecordedPayload(e.Kind, e.ReceiveTimeNs, e.Data, e.Symbol);
        return true;
    }

    private sealed record Entry(PayloadKind Kind, long ReceiveTimeNs, byte[] Data, string? Symbol, long Line, string? Error = null);

    private List<Entry> Load()
    {
        var entries = new List<Entry>();
        bool sawData = false;
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty) continue;
            try
            {
                if (TryParseLine(line, out RecordedPayload p))
                {
                    entries.Add(new Entry(p.Kind, p.ReceiveTimeNs, p.Data.ToArray(), p.Symbol, _lines.LineNumber));
                }
            }
            catch (MarketDataException e)
            {
                // Kept in its place so that the player reports it, by its line, when the replay reaches it.
                entries.Add(new Entry(PayloadKind.Message, entries.Count > 0 ? entries[^1].ReceiveTimeNs : 0, [], null, _lines.LineNumber, e.Reason));
            }
        }
        // Stable: entries with equal times keep file order.
        entries = entries.Select((e, i) => (e, i)).OrderBy(x => x.e.ReceiveTimeNs).ThenBy(x => x.i).Select(x => x.e).ToList();
        // Connections opened before any data are the initial ones; only later ones are reconnects.
        var result = new List<Entry>(entries.Count);
        foreach (Entry e in entries)
        {
            if (e.Kind == PayloadKind.Connected && !sawData) continue;
            if (e.Kind == PayloadKind.Message) sawData = true;
            result.Add(e);
        }
        return result;
    }

    private bool TryParseLine(ReadOnlySpan<byte> line, out RecordedPayload payload)
    {
        payload = default;
        string type = "";
        long ts = 0;
        string? url = null;
        int dataLength = -1;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new MarketDataException(Venue, "line is not a JSON object", Location);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("t"u8)) type = reader.ValueTextEquals("recv"u8) ? "recv" : reader.ValueTextEquals("http"u8) ? "http" : reader.ValueTextEquals("connect"u8) ? "connect" : "other";
                else if (name.SequenceEqual("ts"u8))
                {
                    if (reader.TokenType != JsonTokenType.Number || !UnixTime.TryParseDecimalSeconds(reader.ValueSpan, out ts))
                        throw new MarketDataException(Venue, "'ts' is not a time in decimal seconds", Location);
                }
                else if (name.SequenceEqual("url"u8) && reader.TokenType == JsonTokenType.String) url = reader.GetString();
                else if (name.SequenceEqual("data"u8) && reader.TokenType == JsonTokenType.String)
                {
                    if (_data.Length < reader.ValueSpan.Length) _data = new byte[Math.Max(reader.ValueSpan.Length, 2 * _data.Length)];
                    dataLength = reader.CopyString(_data);
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new MarketDataException(Venue, $"malformed capture line: {e.Message}", Location, e);
        }
        switch (type)
        {
            case "connect":
                payload = new RecordedPayload(PayloadKind.Connected, ts, default);
                return true;
            case "recv" when dataLength >= 0:
                payload = new RecordedPayload(PayloadKind.Message, ts, _data.AsSpan(0, dataLength));
                return true;
            case "http" when dataLength >= 0 && url is not null && url.Contains("/depth", StringComparison.Ordinal):
                payload = new RecordedPayload(PayloadKind.RestSnapshot, ts, _data.AsSpan(0, dataLength), SymbolFromUrl(url));
                return true;
            default:
                return false;
        }
    }

    private static string? SymbolFromUrl(string url)
    {
        int q = url.IndexOf("symbol=", StringComparison.Ordinal);
        if (q < 0) return null;
        int start = q + "symbol=".Length;
        int end = url.IndexOf('&', start);
        return (end < 0 ? url[start..] : url[start..end]).ToUpperInvariant();
    }

    public void Dispose() => _lines.Dispose();
}
