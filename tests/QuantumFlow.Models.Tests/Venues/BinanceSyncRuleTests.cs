using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Venues.Binance;
using static QuantumFlow.Models.Tests.Venues.SessionProbe;

namespace QuantumFlow.Models.Tests.Venues;

/// <summary>The test vectors of Binance's documented local-book procedure (docs/exchange-protocols).</summary>
public class BinanceSyncRuleTests
{
    [Fact]
    public void Spot_drops_old_buffered_diffs_applies_the_bracketing_one_and_resyncs_on_a_gap()
    {
        var probe = new SessionProbe(Venue.BinanceSpot);
        Assert.Equal(SyncResult.Buffered, probe.Send(SpotDiff(90, 95)));
        Assert.Equal(SyncResult.Buffered, probe.Send(SpotDiff(96, 101, "0.0025", "3")));
        Assert.Equal(SyncResult.SnapshotApplied, probe.Send(Snapshot(100), "BNBBTC"));

        OrderBook book = probe.Session.Books["BNBBTC"].Book;
        Assert.True(book.IsValid);
        Assert.Equal(101, book.LastUpdateId);                 // [90-95] dropped, [96-101] applied
        Assert.Equal(Price.Parse("0.0025"), book.BestBid);

        Assert.Equal(SyncResult.Applied, probe.Send(SpotDiff(102, 105)));
        Assert.Equal(105, book.LastUpdateId);

        Assert.Equal(SyncResult.Gap, probe.Send(SpotDiff(107, 110)));   // 106 missing
        Assert.Equal(BookState.Resyncing, book.State);
        Assert.False(book.IsValid);
        Assert.Equal(new[] { "BNBBTC" }, probe.ResyncRequests);
        Assert.Equal(1, probe.Session.Books["BNBBTC"].Resyncs);
        Assert.Contains("missed updates 106..106", probe.Session.Books["BNBBTC"].LastProblem);

        // While resyncing, diffs are buffered again and the book is never served as valid...
        Assert.Equal(SyncResult.Buffered, probe.Send(SpotDiff(111, 112)));
        Assert.False(book.IsValid);
        // ...until a new snapshot arrives; the diff that broke the book was kept and is replayed on top.
        Assert.Equal(SyncResult.SnapshotApplied, probe.Send(Snapshot(108), "BNBBTC"));
        Assert.True(book.IsValid);
        Assert.Equal(112, book.LastUpdateId);
    }

    [Fact]
    public void Spot_snapshot_older_than_the_first_buffered_diff_is_fetched_again()
    {
        var probe = new SessionProbe(Venue.BinanceSpot);
        probe.Send(SpotDiff(90, 95));
        Assert.Equal(SyncResult.SnapshotTooOld, probe.Send(Snapshot(80), "BNBBTC"));
        Assert.Equal(new[] { "BNBBTC" }, probe.ResyncRequests);
        OrderBook book = probe.Session.Books["BNBBTC"].Book;
        Assert.False(book.IsValid);
        Assert.Equal(BookState.AwaitingSnapshot, book.State);
        Assert.Equal(90, ((BinanceBookSync)probe.Session.Books["BNBBTC"]).FirstBufferedId); // still buffered for the next try
        Assert.Equal(SyncResult.SnapshotApplied, probe.Send(Snapshot(92), "BNBBTC"));
        Assert.Equal(95, book.LastUpdateId);
    }

    [Fact]
    public void Spot_first_diff_after_the_snapshot_must_reach_it()
    {
        var probe = new SessionProbe(Venue.BinanceSpot);
        probe.Send(SpotDiff(1, 1)); // creates the book so the snapshot resolves its symbol
        Assert.Equal(SyncResult.SnapshotApplied, probe.Send(Snapshot(100)));
        Assert.Equal(SyncResult.Stale, probe.Send(SpotDiff(98, 100)));
        Assert.Equal(SyncResult.Gap, probe.Send(SpotDiff(103, 104)));
    }

    [Fact]
    public void Futures_applies_the_diff_that_brackets_the_snapshot_then_chains_on_pu()
    {
        var probe = new SessionProbe(Venue.BinanceUsdm);
        Assert.Equal(SyncResult.Buffered, probe.Send(FuturesDiff(150, 155, 149)));
        Assert.Equal(SyncResult.Buffered, probe.Send(FuturesDiff(157, 160, 155)));
        Assert.Equal(SyncResult.SnapshotApplied, probe.Send(Snapshot(158)));
        OrderBook book = probe.Session.Books["BTCUSDT"].Book;
        Assert.Equal(160, book.LastUpdateId);
        // U may skip ids on futures: only pu == previous u matters.
        Assert.Equal(SyncResult.Applied, probe.Send(FuturesDiff(170, 175, 160)));
        Assert.True(book.IsValid);
    }

    [Fact]
    public void Futures_pu_that_is_not_the_previous_u_forces_a_resync()
    {
        var probe = new SessionProbe(Venue.BinanceUsdm);
        probe.Send(FuturesDiff(150, 160, 149));
        probe.Send(Snapshot(155));
        Assert.Equal(SyncResult.Gap, probe.Send(FuturesDiff(161, 165, 159)));
        Assert.False(probe.Session.Books["BTCUSDT"].Book.IsValid);
        Assert.Contains("pu 159 != previous u 160", probe.Session.Books["BTCUSDT"].LastProblem);
        Assert.Equal(new[] { "BTCUSDT" }, probe.ResyncRequests);
    }

    [Fact]
    public void Futures_spot_rule_alone_would_not_catch_a_pu_break()
    {
        // U == previous u + 1 looks continuous, but pu says a diff was lost in between.
        var probe = new SessionProbe(Venue.BinanceUsdm);
        probe.Send(FuturesDiff(150, 160, 149));
        probe.Send(Snapshot(155));
        Assert.Equal(SyncResult.Gap, probe.Send(FuturesDiff(161, 170, 158)));
    }

    [Fact]
    public void Futures_missing_pu_is_bad_input()
    {
        var probe = new SessionProbe(Venue.BinanceUsdm);
        var e = Assert.Throws<MarketDataException>(() => probe.Send(SpotDiff(1, 2)));
        Assert.Contains("without 'pu'", e.Message);
        Assert.Contains("binance-usdm", e.Message);
    }

    [Fact]
    public void Quantity_zero_for_a_level_not_in_the_book_is_normal()
    {
        var probe = new SessionProbe(Venue.BinanceSpot);
        probe.Send(SpotDiff(99, 100));
        probe.Send(Snapshot(100));
        OrderBook book = probe.Session.Books["BNBBTC"].Book;
        int bids = book.Bids.Count;
        Assert.Equal(SyncResult.Applied, probe.Send(SpotDiff(101, 101, "0.0011", "0")));
        Assert.Equal(bids, book.Bids.Count);
        Assert.True(book.IsValid);
    }

    [Fact]
    public void A_diff_that_would_cross_the_book_forces_a_resync()
    {
        var probe = new SessionProbe(Venue.BinanceSpot);
        probe.Send(SpotDiff(99, 100));
        probe.Send(Snapshot(100));
        Assert.Equal(SyncResult.Gap, probe.Send(SpotDiff(101, 101, "0.0030", "1")));
        Assert.False(probe.Session.Books["BNBBTC"].Book.IsValid);
        Assert.Contains("crossed", probe.Session.Books["BNBBTC"].LastProblem);
    }

    [Fact]
    public void A_crossed_snapshot_is_bad_input_and_the_book_stays_unsynced()
    {
        var probe = new SessionProbe(Venue.BinanceSpot);
        probe.Send(SpotDiff(99, 100));
        var e = Assert.Throws<MarketDataException>(() => probe.Send("""{"lastUpdateId":100,"bids":[["5","1"]],"asks":[["4","1"]]}"""));
        Assert.Contains("crossed snapshot", e.Message);
        Assert.Equal(BookState.AwaitingSnapshot, probe.Session.Books["BNBBTC"].Book.State);
    }

    [Fact]
    public void The_buffer_before_a_snapshot_is_bounded()
    {
        var probe = new SessionProbe(Venue.BinanceSpot);
        for (int i = 0; i < BinanceBookSync.MaxBuffered + 500; i++) probe.Send(SpotDiff(i + 1, i + 1));
        var sync = (BinanceBookSync)probe.Session.Books["BNBBTC"];
        Assert.Equal(BinanceBookSync.MaxBuffered, sync.BufferedCount);
        Assert.Equal(501, sync.FirstBufferedId);
    }
}
