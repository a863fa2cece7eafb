using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// hftbacktest's raw Binance recordings: one payload a line, <c>&lt;local receive timestamp&gt; &lt;raw JSON&gt;</c>,
/// gzip or plain. The timestamp unit (ns in 2024 files, us in 2023 files) is read from its magnitude.
/// A bare JSON line starting with <c>{"lastUpdateId"</c> is the REST depth snapshot. Spot and USD-M snapshots do not
/// name their symbol; a session knows it from the messages before (hftbacktest's collector subscribes first). A file
/// that begins with its snapshot instead is read through once for the symbols it names: when it names exactly one, the
/// snapshot is that symbol's, and it comes with it; otherwise it comes unnamed and the session refuses it as before.
/// </summary>
public sealed class HftBacktestReader : IRecordingReader
{
    private readonly LineReader _lines;
    private readonly string _name;
    private readonly string _path;
    private bool _sawMessage;
    private string? _onlySymbol;
    private bool _scanned;

    public HftBacktestReader(string path, Venue venue)
    {
        _name = System.IO.Path.GetFileName(path);
        _path = path;
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
            if (space <= 0 || !System.Buffers.Text.Utf8Parser.TryParse(line[..space], out long stamp, out int used) || used != space)
                throw new MarketDataException(Venue, "line does not start with '<receive timestamp> '", Location);
            if (!UnixTime.TryFromAnyUnit(stamp, out long receiveNs))
                throw new MarketDataException(Venue, $"receive timestamp {stamp} is not a time (positive, 1973 to 2262, in s, ms, us or ns)", Location);
            ReadOnlySpan<byte> json = line[(space + 1)..];
            PayloadKind kind = json.StartsWith("{\"lastUpdateId\""u8) ? PayloadKind.RestSnapshot : PayloadKind.Message;
            string? symbol = kind == PayloadKind.RestSnapshot && !_sawMessage ? OnlySymbol() : null;
            _sawMessage |= kind == PayloadKind.Message;
            payload = new RecordedPayload(kind, receiveNs, json, symbol);
            return true;
        }
        payload = default;
        return false;
    }

    /// <summary>The one symbol the file's messages name (<c>"s":"..."</c>), or null when they name none or several.</summary>
    private string? OnlySymbol()
    {
        if (_scanned) return _onlySymbol;
        _scanned = true;
        byte[]? only = null;
        try
        {
            using var lines = new LineReader(OpenMaybeGzip(_path));
            while (lines.TryReadLine(out ReadOnlySpan<byte> line))
            {
                ReadOnlySpan<byte> named = NamedSymbol(line);
                if (named.IsEmpty) continue;
                if (only is null) only = named.ToArray();
                else if (!named.SequenceEqual(only)) return null;
            }
        }
        catch (Exception e) when (e is MarketDataException or InvalidDataException or IOException)
        {
            return null; // a damaged file: the read itself reports it where it is
        }
        return _onlySymbol = only is null ? null : System.Text.Encoding.UTF8.GetString(only);
    }

    /// <summary>The symbol a Binance message names (its first <c>"s":"..."</c>), or empty.</summary>
    internal static ReadOnlySpan<byte> NamedSymbol(ReadOnlySpan<byte> line)
    {
        int at = line.IndexOf("\"s\":\""u8);
        if (at < 0) return default;
        ReadOnlySpan<byte> rest = line[(at + 5)..];
        int end = rest.IndexOf((byte)'"');
        return end > 0 ? rest[..end] : default;
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
