using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Venues;

public class CoinbaseSyncRuleTests
{
    private static string L2(long seq, string type, string product, params (string Side, string Price, string Qty)[] updates) =>
        $$"""{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":{{seq}},"events":[{"type":"{{type}}","product_id":"{{product}}","updates":[{{string.Join(",", updates.Select(u => $$"""{"side":"{{u.Side}}","event_time":"2023-02-09T20:32:50.714964855Z","price_level":"{{u.Price}}","new_quantity":"{{u.Qty}}"}"""))}}]}]}""";

    private static string Heartbeat(long seq) =>
        $$"""{"channel":"heartbeats","client_id":"","timestamp":"2023-02-09T20:32:51Z","sequence_num":{{seq}},"events":[{"current_time":"2023-02-09 20:32:51 +0000 UTC","heartbeat_counter":3}]}""";

    [Fact]
    public void Snapshot_then_an_update_with_quantity_zero_removes_the_level()
    {
        var probe = new SessionProbe(Venue.CoinbaseAdvanced);
        Assert.Equal(SyncResult.SnapshotApplied, probe.Send(L2(0, "snapshot", "BTC-USD", ("bid", "21921.73", "0.06317902"), ("bid", "21921.5", "1"), ("offer", "21922.01", "0.5"))));
        OrderBook book = probe.Session.Books["BTC-USD"].Book;
        Assert.Equal(Price.Parse("21921.73"), book.BestBid);
        Assert.Equal(SyncResult.Applied, probe.Send(L2(1, "update", "BTC-USD", ("bid", "21921.73", "0"))));
        Assert.Equal(Price.Parse("21921.5"), book.BestBid);
        Assert.Equal(1, book.Bids.Count);
        Assert.True(book.IsValid);
        Assert.Equal(Quantity.Parse("0.5"), book.Asks.BestQuantity);
    }

    [Fact]
    public void A_sequence_gap_on_any_channel_invalidates_every_book_of_the_connection_until_resubscribed()
    {
        var probe = new SessionProbe(Venue.CoinbaseAdvanced);
        probe.Send(L2(0, "snapshot", "BTC-USD", ("bid", "100", "1"), ("offer", "101", "1")));
        probe.Send(L2(1, "snapshot", "ETH-USD", ("bid", "10", "1"), ("offer", "11", "1")));
        probe.Send(Heartbeat(2));
        Assert.True(probe.Session.Books["BTC-USD"].Book.IsValid);

        probe.Send(Heartbeat(4)); // 3 was lost
        Assert.Equal(1, probe.Session.SequenceGaps);
        Assert.Equal(new[] { "BTC-USD", "ETH-USD" }, probe.ResyncRequests.Order());
        Assert.False(probe.Session.Books["BTC-USD"].Book.IsValid);
        Assert.False(probe.Session.Books["ETH-USD"].Book.IsValid);
        Assert.Equal(SyncResult.Dropped, probe.Send(L2(5, "update", "BTC-USD", ("bid", "100", "2"))));

        // The resubscription's snapshot restores the book.
        Assert.Equal(SyncResult.SnapshotApplied, probe.Send(L2(6, "snapshot", "BTC-USD", ("bid", "100.5", "1"), ("offer", "101", "1"))));
        Assert.True(probe.Session.Books["BTC-USD"].Book.IsValid);
        Assert.False(probe.Session.Books["ETH-USD"].Book.IsValid);
    }

    [Fact]
    public void A_new_connection_starts_its_sequence_afresh()
    {
        var probe = new SessionProbe(Venue.CoinbaseAdvanced);
        probe.Send(L2(0, "snapshot", "BTC-USD", ("bid", "100", "1"), ("offer", "101", "1")));
        probe.Send(Heartbeat(1));
        probe.Session.OnConnected();
        Assert.False(probe.Session.Books["BTC-USD"].Book.IsValid);
        probe.Send(L2(0, "snapshot", "BTC-USD", ("bid", "100", "1"), ("offer", "101", "1")));
        Assert.Equal(0, probe.Session.SequenceGaps);
        Assert.True(probe.Session.Books["BTC-USD"].Book.IsValid);
    }

    [Fact]
    public void Unknown_side_is_bad_input_and_nothing_of_the_message_is_applied()
    {
        var probe = new SessionProbe(Venue.CoinbaseAdvanced);
        probe.Send(L2(0, "snapshot", "BTC-USD", ("bid", "100", "1"), ("offer", "101", "1")));
        var e = Assert.Throws<MarketDataException>(() => probe.Send(L2(1, "update", "BTC-USD", ("bid", "100", "5"), ("middle", "100.5", "1"))));
        Assert.Contains("unknown side 'middle'", e.Message);
        Assert.Equal(Quantity.Parse("1"), probe.Session.Books["BTC-USD"].Book.Bids.BestQuantity);
    }

    [Fact]
    public void A_time_outside_unix_nanoseconds_is_bad_input_not_a_crash()
    {
        // A fuzzer's find: year 0 threw ArgumentOutOfRangeException from the time parser.
        var probe = new SessionProbe(Venue.CoinbaseAdvanced);
        probe.Send(L2(0, "snapshot", "BTC-USD", ("bid", "100", "1"), ("offer", "101", "1")));
        var e = Assert.Throws<MarketDataException>(() => probe.Send(L2(1, "update", "BTC-USD", ("bid", "100", "5")).Replace("2023-02-09T20:32:50.714964855Z", "0000-02-09T20:32:50Z")));
        Assert.Contains("bad time '0000-02-09T20:32:50Z' in 'timestamp'", e.Message);
        Assert.Equal(Quantity.Parse("1"), probe.Session.Books["BTC-USD"].Book.Bids.BestQuantity);
    }

    [Fact]
    public void Coinbase_exchange_snapshot_and_l2update_changes()
    {
        var probe = new SessionProbe(Venue.CoinbaseExchange);
        probe.Send("""{"type":"snapshot","product_id":"BTC-USD","bids":[["10101.10","0.45054140"]],"asks":[["10102.55","0.57753524"]]}""");
        Assert.Equal(SyncResult.Applied, probe.Send("""{"type":"l2update","product_id":"BTC-USD","changes":[["sell","10102.55","0.00000000"],["sell","10103","2"],["buy","10101.2","1"]],"time":"2023-07-04T18:14:39.000000Z"}"""));
        OrderBook book = probe.Session.Books["BTC-USD"].Book;
        Assert.Equal(Price.Parse("10103"), book.BestAsk);
        Assert.Equal(Price.Parse("10101.2"), book.BestBid);
        Assert.Equal(new DateTimeOffset(2023, 7, 4, 18, 14, 39, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000, book.ExchangeTimeNs);
    }
}
