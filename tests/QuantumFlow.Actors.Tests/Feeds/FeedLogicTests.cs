using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Binance;
using QuantumFlow.Actors.Feeds.Coinbase;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Tests.Feeds;

/// <summary>The pure parts of the feeds, without actors.</summary>
public class FeedLogicTests
{
    [Fact]
    public void A_burst_of_snapshot_requests_fetches_once_and_a_request_after_the_fetch_fetches_again()
    {
        var r = new SnapshotRequests(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(SnapshotRequests.Decision.FetchNow, r.Request("BTCUSDT", 0, out _));
        Assert.Equal(SnapshotRequests.Decision.Absorbed, r.Request("BTCUSDT", 10, out _));
        Assert.Equal(SnapshotRequests.Decision.Absorbed, r.Request("BTCUSDT", 20, out _));
        Assert.Equal(SnapshotRequests.Decision.FetchNow, r.Request("ETHUSDT", 20, out _)); // symbols are independent
        r.Completed("BTCUSDT");
        // Right after the fetch: deferred to the minimum interval, and what comes meanwhile is absorbed.
        Assert.Equal(SnapshotRequests.Decision.Deferred, r.Request("BTCUSDT", 300, out TimeSpan delay));
        Assert.Equal(TimeSpan.FromMilliseconds(700), delay);
        Assert.Equal(SnapshotRequests.Decision.Absorbed, r.Request("BTCUSDT", 400, out _));
        Assert.True(r.Due("BTCUSDT", 1000));
        Assert.True(r.IsInFlight("BTCUSDT"));
        Assert.False(r.Due("BTCUSDT", 1001));
    }

    [Fact]
    public void The_pacer_spaces_payloads_by_recorded_time_over_speed()
    {
        var pacer = new ReplayPacer(10);
        long f = System.Diagnostics.Stopwatch.Frequency;
        Assert.Equal(TimeSpan.Zero, pacer.Delay(5_000_000_000, 0));                      // the first payload starts the clock
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.Delay(6_000_000_000, 0));     // 1 s recorded at 10x
        Assert.Equal(TimeSpan.FromMilliseconds(50), pacer.Delay(6_000_000_000, f / 20));
        Assert.True(pacer.Delay(6_000_000_000, f) < TimeSpan.Zero);                       // late: deliver now
        Assert.True(pacer.Delay(4_000_000_000, f / 20) <= TimeSpan.Zero);                 // a step back in time never waits
        Assert.True(new ReplayPacer(double.PositiveInfinity).IsUnpaced);
        Assert.True(new ReplayPacer(0).IsUnpaced);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayPacer(-1));
    }

    [Fact]
    public void The_outbox_keeps_a_channel_per_book_and_resends_overdue_batches()
    {
        var outbox = new FeedOutbox(9, new DeliveryOptions { AckTimeout = TimeSpan.FromMilliseconds(100) });
        outbox.Add(Trade("BTCUSDT", 1));
        outbox.Add(Trade("ETHUSDT", 2));
        var batches = new List<Ingest>();
        outbox.TakeBatches(0, batches);
        Assert.Equal(["binance-usdm:BTCUSDT", "binance-usdm:ETHUSDT"], batches.Select(b => b.EntityId).Order());
        outbox.Add(Trade("BTCUSDT", 3));
        batches.Clear();
        outbox.Overdue(50, batches);
        Assert.Empty(batches);
        outbox.Overdue(150, batches);
        Assert.Equal(2, batches.Count);
        Assert.Equal(2, outbox.Resends);
        Ingest? next = outbox.OnAck(new IngestAck("binance-usdm:BTCUSDT", 9, 1), 160);
        Assert.NotNull(next);
        Assert.Equal(2, next.Seq);
        Assert.Null(outbox.OnAck(new IngestAck("binance-usdm:ETHUSDT", 8, 1), 160)); // another run's ack
        Assert.False(outbox.IsIdle);
    }

    [Fact]
    public void A_pipeline_counts_bad_payloads_and_gaps_every_book_on_reconnect()
    {
        var p = new FeedPipeline(Venue.BinanceUsdm, 1, new DeliveryOptions());
        Assert.True(p.Decode("""{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"T":1,"s":"BTCUSDT","t":5,"p":"1.5","q":"2","m":true}}"""u8, 10));
        Assert.False(p.Decode("""{"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT"""u8, 11));
        p.Connected(12, "connected");
        p.Connected(13, "reconnected");
        FeedStatus s = p.Status(FeedState.Streaming);
        Assert.Equal(1, s.Messages);
        Assert.Equal(1, s.BadMessages);
        Assert.NotNull(s.LastError);
        Assert.Equal(1, s.Reconnects);
        Assert.Equal(3, s.Books.Single().Backlog); // the trade and two gaps
    }

    [Fact]
    public void Endpoints_default_to_the_venues_and_build_the_documented_urls()
    {
        var usdm = new BinanceFeedOptions(Venue.BinanceUsdm, ["btcusdt", "ETHUSDT"]);
        Assert.Equal("wss://fstream.binance.com/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@trade/ethusdt@depth@100ms/ethusdt@bookTicker/ethusdt@trade",
            usdm.StreamUri().ToString());
        Assert.Equal("https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000", usdm.SnapshotUri("BTCUSDT").ToString());
        Assert.Equal("wss://stream.binance.com:9443/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@trade",
            new BinanceFeedOptions(Venue.BinanceSpot, ["BTCUSDT"]).StreamUri().ToString());
        Assert.Equal("https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000", new BinanceFeedOptions(Venue.BinanceSpot, ["BTCUSDT"]).SnapshotUri("BTCUSDT").ToString());
        var coinm = new BinanceFeedOptions(Venue.BinanceCoinm, ["BTCUSD_PERP"]);
        Assert.StartsWith("wss://dstream.binance.com/stream?streams=btcusd_perp@depth@100ms", coinm.StreamUri().ToString());
        Assert.Equal("https://dapi.binance.com/dapi/v1/depth?symbol=BTCUSD_PERP&limit=1000", coinm.SnapshotUri("BTCUSD_PERP").ToString());

        var coinbase = new CoinbaseFeedOptions(["BTC-USD", "ETH-USD"]);
        Assert.Equal("wss://advanced-trade-ws.coinbase.com/", coinbase.Endpoint.ToString());
        Assert.Equal("""{"type":"subscribe","product_ids":["BTC-USD","ETH-USD"],"channel":"level2"}""", coinbase.Message("subscribe", "level2", coinbase.ProductIds));
        Assert.Equal("""{"type":"subscribe","product_ids":["BTC-USD"],"channel":"heartbeats","jwt":"abc"}""",
            (coinbase with { Jwt = "abc" }).Message("subscribe", "heartbeats", ["BTC-USD"]));
    }

    private static Trade Trade(string symbol, long id) => new(Venue.BinanceUsdm, symbol, id, id, id, Price.Parse("1"), Quantity.Parse("1"), Side.Bid);
}
