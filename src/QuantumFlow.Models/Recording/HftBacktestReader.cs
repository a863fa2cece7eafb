using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// hftbacktest's raw Binance recordings: one payload a line, <c>&lt;local receive timestamp&gt; &lt;raw JSON&gt;</c>,
/// gzip or plain. The timestamp unit (ns in 2024 files, us in 2023 files) is read from its magnitude.
/// A bare JSON line starting with <c>{"lastUpdateId"</c> is the REST depth snapshot.
/// </summary>
public sealed class HftBacktestReader : IRecordingReader
{
    private readonly LineReader _lines;
    private readonly string _name;

    public HftBacktestReader(string path, Venue venue)
    {
        _name = System.IO.Path.GetFileName(path);
        Venue = venue;
        _lines = new LineReader(OpenMaybeGzip(path));
    }

    public Venue Venue { get; }
    public string Location => $"{_name} line {_lines.LineNumber}";

    public bool TryRead(out RecordedPayload payload)
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty) continue;
            int space = line.IndexOf((byte)' ');
            if (space <= 0 || !System.Buffers.Text.Utf8Parser.TryParse(line[..space], out long stamp, out int used) || used != space || stamp <= 0)
                throw new MarketDataException(Venue, "line does not start with '<receive timestamp> '", Location);
            ReadOnlySpan<byte> json = line[(space + 1)..];
            PayloadKind kind = json.StartsWith("{\"lastUpdateId\""u8) ? PayloadKind.RestSnapshot : PayloadKind.Message;
            payload = new RecordedPayload(kind, UnixTime.FromAnyUnit(stamp), json);
            return true;
        }
        payload = default;
        return false;
    }

    internal static Stream OpenMaybeGzip(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        int b0 = file.ReadByte(), b1 = file.ReadByte();
        file.Position = 0;
        return b0 == 0x1f && b1 == 0x8b ? new GzipEndCheck(file, System.IO.Path.GetFileName(path)) : file;
    }

    public void Dispose() => _lines.Dispose();
}
