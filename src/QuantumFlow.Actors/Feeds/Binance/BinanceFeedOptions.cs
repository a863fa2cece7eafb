using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Binance;

/// <summary>
/// One Binance combined-stream connection (spot, USD-M or COIN-M) for some symbols: depth diffs, bookTicker and
/// trades, plus REST depth snapshots. Endpoints default to the venue's public ones; point them elsewhere for tests.
/// </summary>
public sealed record BinanceFeedOptions
{
    public BinanceFeedOptions(Venue venue, IReadOnlyList<string> symbols)
    {
        if (venue is not (Venue.BinanceSpot or Venue.BinanceUsdm or Venue.BinanceCoinm))
            throw new ArgumentException($"{venue} is not a Binance venue", nameof(venue));
        if (symbols.Count == 0) throw new ArgumentException("at least one symbol", nameof(symbols));
        Venue = venue;
        Symbols = symbols.Select(s => s.ToUpperInvariant()).ToArray();
        (StreamBase, RestBase) = venue switch
        {
            Venue.BinanceSpot => (new Uri("wss://stream.binance.com:9443"), new Uri("https://api.binance.com")),
            Venue.BinanceUsdm => (new Uri("wss://fstream.binance.com"), new Uri("https://fapi.binance.com")),
            _ => (new Uri("wss://dstream.binance.com"), new Uri("https://dapi.binance.com")),
        };
    }

    public Venue Venue { get; }
    /// <summary>Symbols as Binance names them in events and REST ("BTCUSDT"); streams use them in lower case.</summary>
    public IReadOnlyList<string> Symbols { get; }
    public Uri StreamBase { get; init; }
    public Uri RestBase { get; init; }
    /// <summary>The depth stream suffix: "depth@100ms" everywhere, "depth@0ms" for futures in real time, "depth" for 1 s.</summary>
    public string DepthStream { get; init; } = "depth@100ms";
    public bool BookTicker { get; init; } = true;
    public bool Trades { get; init; } = true;
    public int SnapshotLimit { get; init; } = 1000;
    /// <summary>Fetches of one symbol's snapshot start at least this far apart.</summary>
    public TimeSpan SnapshotMinInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Wait before retrying a failed snapshot fetch.</summary>
    public TimeSpan SnapshotRetryDelay { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public ReconnectOptions Reconnect { get; init; } = new();
    public DeliveryOptions Delivery { get; init; } = new();

    /// <summary>wss://.../stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@trade/...</summary>
    public Uri StreamUri()
    {
        var streams = new List<string>();
        foreach (string s in Symbols)
        {
            string lower = s.ToLowerInvariant();
            streams.Add($"{lower}@{DepthStream}");
            if (BookTicker) streams.Add($"{lower}@bookTicker");
            if (Trades) streams.Add($"{lower}@trade");
        }
        return new Uri(StreamBase, "/stream?streams=" + string.Join('/', streams));
    }

    /// <summary>GET /api/v3/depth (spot), /fapi/v1/depth (USD-M) or /dapi/v1/depth (COIN-M).</summary>
    public Uri SnapshotUri(string symbol)
    {
        string path = Venue switch
        {
            Venue.BinanceSpot => "/api/v3/depth",
            Venue.BinanceUsdm => "/fapi/v1/depth",
            _ => "/dapi/v1/depth",
        };
        return new Uri(RestBase, $"{path}?symbol={symbol.ToUpperInvariant()}&limit={SnapshotLimit}");
    }
}
