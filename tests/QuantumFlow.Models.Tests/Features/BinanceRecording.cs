using System.IO.Compression;
using System.Text;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Venues.Binance;

namespace QuantumFlow.Models.Tests.Features;

/// <summary>
/// Test-only replay of an hftbacktest Binance recording (gzip text, "receive-ns json" per line) through the parser
/// and the book sync. Not a production reader (those live in Recording/).
/// </summary>
internal static class BinanceRecording
{
    public const string UsdmBtc20240718 = "binance-hftbacktest/usdm/btcusdt_20240718.gz";

    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuantumFlow.sln")))
            {
                string path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
                if (!File.Exists(path)) throw new FileNotFoundException($"test data {path} is missing", path);
                return path;
            }
        }
        throw new DirectoryNotFoundException("repository root (QuantumFlow.sln) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Calls <paramref name="onBook"/> after every update the sync applied (with the book and the message) and
    /// <paramref name="onTrade"/> for every trade, in file order. Returns the sync for its counters.
    /// </summary>
    public static BinanceBookSync Replay(string relative, Action<BinanceBookSync, MarketMessage> onBook, Action<MarketMessage> onTrade)
    {
        var parser = new BinanceParser(Venue.BinanceUsdm);
        var sync = new BinanceBookSync(Venue.BinanceUsdm, "BTCUSDT");
        using var file = File.OpenRead(PathOf(relative));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ');
            long receiveNs = UnixTime.FromAnyUnit(long.Parse(line.AsSpan(0, space)));
            byte[] payload = Encoding.UTF8.GetBytes(line.Substring(space + 1));
            foreach (MarketMessage m in parser.Parse(payload, receiveNs))
            {
                switch (m.Kind)
                {
                    case MessageKind.Snapshot or MessageKind.Delta:
                        if (m.Symbol.Length == 0) m.Symbol = "BTCUSDT";
                        if (sync.Apply(m).ChangedBook()) onBook(sync, m);
                        break;
                    case MessageKind.Trade:
                        onTrade(m);
                        break;
                }
            }
        }
        return sync;
    }
}
