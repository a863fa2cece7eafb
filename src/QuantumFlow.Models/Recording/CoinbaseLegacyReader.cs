using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// cryptofeed's legacy raw captures of the Coinbase Exchange feed: <c>&lt;epoch seconds&gt;: &lt;json&gt;</c> for
/// received messages, and <c>wss://... &lt;-&gt; ts</c> / <c>wss://... &lt;- ts: json</c> for connects and sent messages.
/// </summary>
public sealed class CoinbaseLegacyReader : IRecordingReader
{
    private readonly LineReader _lines;
    private readonly string _name;
    private bool _sawData;

    public CoinbaseLegacyReader(string path)
    {
        _name = System.IO.Path.GetFileName(path);
        _lines = new LineReader(HftBacktestReader.OpenMaybeGzip(path));
    }

    public Venue Venue => Venue.CoinbaseExchange;
    public string Location => $"{_name} line {_lines.LineNumber}";

    public bool TryRead(out RecordedPayload payload)
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty) continue;
            if (line.StartsWith("wss://"u8) || line.StartsWith("ws://"u8))
            {
                if (line.IndexOf(" <-> "u8) >= 0 && _sawData)
                {
                    payload = new RecordedPayload(PayloadKind.Connected, 0, default);
                    return true;
                }
                continue; // connects before data, and messages we sent
            }
            int colon = line.IndexOf(": "u8);
            if (colon <= 0 || !UnixTime.TryParseDecimalSeconds(line[..colon], out long ns))
                throw new MarketDataException(Venue, "line does not start with '<epoch seconds>: '", Location);
            _sawData = true;
            payload = new RecordedPayload(PayloadKind.Message, ns, line[(colon + 2)..]);
            return true;
        }
        payload = default;
        return false;
    }

    public void Dispose() => _lines.Dispose();
}
