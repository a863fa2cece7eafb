using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests;

/// <summary>Real recorded sessions decoded into market events, as a feed would deliver them.</summary>
public static class TestRecordings
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Shared(string relative) => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", relative));

    public static string Sample(string name) => Path.Combine(RepoRoot, "data", "samples", name);

    public static string[] SampleSession => [Sample("btcusdt_20240718.gz"), Sample("btcusdt_20240719.gz")];

    public static string[] UsdmSession => [Shared("binance-hftbacktest/usdm/btcusdt_20240718.gz"), Shared("binance-hftbacktest/usdm/btcusdt_20240719.gz")];

    public static string CoinbaseCapture => Shared("cryptofeed/v3_jsonl/COINBASE.jsonl.zst");

    public static IReadOnlyList<string> BtcUsdm2024 =>
        [Shared("binance-hftbacktest/usdm/btcusdt_20240718.gz"), Shared("binance-hftbacktest/usdm/btcusdt_20240719.gz")];

    public static IReadOnlyList<string> EthUsdm2024 =>
        [Shared("binance-hftbacktest/usdm/ethusdt_20240718.gz"), Shared("binance-hftbacktest/usdm/ethusdt_20240719.gz")];

    public static List<MarketEvent> Decode(IReadOnlyList<string> files, int max = int.MaxValue)
    {
        using IRecordingReader reader = RecordingFormat.Open(files);
        var feed = new RecordedFeed(reader, BadLinePolicy.Stop);
        var events = new List<MarketEvent>();
        var batch = new List<MarketEvent>();
        while (events.Count < max && feed.Read(batch)) events.AddRange(batch);
        return events;
    }

    public static BookReplica Rebuild(IEnumerable<MarketEvent> events, Venue venue, string symbol)
    {
        var replica = new BookReplica(venue, symbol);
        foreach (MarketEvent e in events) replica.Apply(e);
        return replica;
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "QuantumFlow.sln"))) return dir;
        }
        throw new InvalidOperationException("QuantumFlow.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>How many events an uninterrupted replay delivers to each book.</summary>
    public static Dictionary<string, long> EventsPerBook(string[] paths, int slice = int.MaxValue) =>
        QuantumFlow.Tests.Support.ReplayedEvents.PerBook(paths, slice).ToDictionary(b => b.Key, b => (long)b.Value.Count);

    public static long PayloadCount(string[] paths)
    {
        using IRecordingReader reader = RecordingFormat.Open(paths);
        long n = 0;
        while (reader.TryRead(out _)) n++;
        return n;
    }
}
