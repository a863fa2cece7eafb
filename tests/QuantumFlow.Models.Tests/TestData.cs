using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Models.Tests;

/// <summary>Locates the repository and the shared real recordings (../shared/data beside the repository).</summary>
public static class TestData
{
    public static string RepoRoot => TestRepository.Root;

    public static string Shared(string relative) => TestRepository.Shared(relative);

    public static string Sample(string name) => Path.Combine(RepoRoot, "data", "samples", name);

    /// <summary>The first <paramref name="count"/> events of the shipped sample (USD-M BTCUSDT), as the replay feed delivers them.</summary>
    public static List<MarketEvent> SampleEvents(int count)
    {
        using IRecordingReader reader = RecordingFormat.Open([Sample("btcusdt_20240718.gz"), Sample("btcusdt_20240719.gz")]);
        var feed = new RecordedFeed(reader, BadLinePolicy.Stop);
        var events = new List<MarketEvent>();
        var batch = new List<MarketEvent>();
        while (events.Count < count && feed.Read(batch)) events.AddRange(batch);
        return events;
    }

    /// <summary>Every shared Binance recording as sessions (a day and the next, in order).</summary>
    public static IEnumerable<object[]> BinanceSessionsWithSnapshot() =>
    [
        [new[] { "binance-hftbacktest/usdm/btcusdt_20240718.gz", "binance-hftbacktest/usdm/btcusdt_20240719.gz" }],
        [new[] { "binance-hftbacktest/usdm/ethusdt_20240718.gz", "binance-hftbacktest/usdm/ethusdt_20240719.gz" }],
        [new[] { "binance-hftbacktest/usdm/btcusdt_20230404.dat.gz", "binance-hftbacktest/usdm/btcusdt_20230405.dat.gz" }],
        [new[] { "cryptofeed/v3_jsonl/BINANCE.jsonl.zst" }],
        [new[] { "cryptofeed/v3_jsonl/BINANCE_US.jsonl.zst" }],
        [new[] { "cryptofeed/v3_jsonl/BINANCE_FUTURES.jsonl.zst" }],
        [new[] { "cryptofeed/v3_jsonl/BINANCE_DELIVERY.jsonl.zst" }],
    ];
}
