using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>Recognises a recording file by its content and opens the matching reader.</summary>
public static class RecordingFormat
{
    /// <summary>
    /// Opens one recording, or several files of one session given in order (a day and the next) as one stream.
    /// </summary>
    /// <exception cref="MarketDataException">a file is missing, empty or in no known format.</exception>
    public static IRecordingReader Open(IReadOnlyList<string> paths, Venue venue = Venue.Unknown)
    {
        if (paths.Count == 0) throw new ArgumentException("no recording given", nameof(paths));
        foreach (string p in paths)
        {
            if (!File.Exists(p)) throw new MarketDataException(venue, "file not found", p);
        }
        if (venue == Venue.Unknown) venue = DetectVenue(paths[0]);
        return paths.Count == 1 ? OpenOne(paths[0], venue) : new ConcatenatedReader(paths, venue);
    }

    internal static IRecordingReader OpenOne(string path, Venue venue)
    {
        if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase)) return new CryptofeedReader(path);
        return Sniff(path) switch
        {
            Framing.HftBacktest => new HftBacktestReader(path, venue),
            Framing.CoinbaseLegacy => new CoinbaseLegacyReader(path),
            Framing.Cryptofeed => new CryptofeedReader(path),
            _ => throw new MarketDataException(venue, "not a known recording format (hftbacktest lines, cryptofeed capture, Coinbase legacy capture)", path),
        };
    }

    /// <summary>
    /// The venue of a recording. hftbacktest files do not name it: futures diffs carry "pu", COIN-M symbols an
    /// underscore ("BTCUSD_PERP"); a file with depth diffs and no "pu" is spot.
    /// </summary>
    public static Venue DetectVenue(string path)
    {
        if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase))
        {
            using var r = new CryptofeedReader(path);
            return r.Venue;
        }
        switch (Sniff(path))
        {
            case Framing.CoinbaseLegacy: return Venue.CoinbaseExchange;
            case Framing.Cryptofeed: using (var r = new CryptofeedReader(path)) return r.Venue;
            case Framing.HftBacktest: break;
            default: throw new MarketDataException(Venue.Unknown, "not a known recording format", path);
        }
        using var lines = new LineReader(HftBacktestReader.OpenMaybeGzip(path));
        bool sawSpotDiff = false;
        while (lines.LineNumber < 5000 && lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IndexOf("\"depthUpdate\""u8) < 0) continue;
            if (line.IndexOf("\"pu\":"u8) >= 0)
            {
                return HftBacktestReader.NamedSymbol(line).IndexOf((byte)'_') >= 0 ? Venue.BinanceCoinm : Venue.BinanceUsdm;
            }
            sawSpotDiff = true;
        }
        if (sawSpotDiff) return Venue.BinanceSpot;
        string lower = path.ToLowerInvariant();
        return lower.Contains("coinm") || lower.Contains("delivery") ? Venue.BinanceCoinm
            : lower.Contains("usdm") || lower.Contains("futures") ? Venue.BinanceUsdm
            : Venue.BinanceSpot;
    }

    private enum Framing { Unknown, HftBacktest, Cryptofeed, CoinbaseLegacy }

    private static Framing Sniff(string path)
    {
        using var lines = new LineReader(HftBacktestReader.OpenMaybeGzip(path));
        while (lines.LineNumber < 20 && lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty) continue;
            if (line.StartsWith("{\"t\":"u8)) return Framing.Cryptofeed;
            if (line.StartsWith("wss://"u8) || line.StartsWith("ws://"u8)) return Framing.CoinbaseLegacy;
            int i = 0;
            while (i < line.Length && (uint)(line[i] - '0') <= 9) i++;
            if (i > 0 && i + 1 < line.Length && line[i] == ' ' && line[i + 1] == '{') return Framing.HftBacktest;
            if (i > 0 && i < line.Length && (line[i] == '.' || line[i] == ':')) return Framing.CoinbaseLegacy;
            return Framing.Unknown;
        }
        return Framing.Unknown;
    }

    private sealed class ConcatenatedReader(IReadOnlyList<string> paths, Venue venue) : IRecordingReader
    {
        private int _index = -1;
        private IRecordingReader? _current;

        public Venue Venue { get; } = venue;
        public string Location => _current?.Location ?? paths[0];

        public bool TryRead(out RecordedPayload payload)
        {
            while (true)
            {
                if (_current is null)
                {
                    if (++_index >= paths.Count) { payload = default; return false; }
                    _current = OpenOne(paths[_index], Venue);
                }
                if (_current.TryRead(out payload)) return true;
                _current.Dispose();
                _current = null;
            }
        }

        public void Dispose() => _current?.Dispose();
    }
}
