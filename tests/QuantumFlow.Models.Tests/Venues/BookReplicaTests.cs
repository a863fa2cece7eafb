using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Venues;

public class BookReplicaTests
{
    private static List<MarketEvent> Decode(params string[] files)
    {
        using IRecordingReader reader = RecordingFormat.Open(files.Select(TestData.Shared).ToList());
        var decoder = new FeedDecoder(reader.Venue);
        var events = new List<MarketEvent>();
        while (reader.TryRead(out RecordedPayload p))
        {
            if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "reconnected", events);
            else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
        }
        return events;
    }

    private static Level[] Top(BookSide side)
    {
        var top = new Level[side.Count];
        side.CopyTop(top);
        return top;
    }

    [Fact]
    public void Events_decoded_by_the_feed_rebuild_the_same_book_as_the_session()
    {
        string[] files = ["binance-hftbacktest/usdm/btcusdt_20240718.gz", "binance-hftbacktest/usdm/btcusdt_20240719.gz"];
        List<MarketEvent> events = Decode(files);
        var replica = new BookReplica(Venue.BinanceUsdm, "BTCUSDT");
        foreach (MarketEvent e in events) replica.Apply(e);

        using IRecordingReader reader = RecordingFormat.Open(files.Select(TestData.Shared).ToList());
        var session = new MarketDataSession(reader.Venue);
        new RecordingPlayer(reader, session, BadLinePolicy.Stop).Play();
        OrderBook expected = session.Books["BTCUSDT"].Book;

        Assert.True(replica.Book.IsValid);
        Assert.Equal(expected.LastUpdateId, replica.Book.LastUpdateId);
        Assert.Equal(Top(expected.Bids), Top(replica.Book.Bids));
        Assert.Equal(Top(expected.Asks), Top(replica.Book.Asks));
    }

    [Fact]
    public void A_checkpoint_taken_mid_stream_restores_a_book_that_continues_exactly()
    {
        List<MarketEvent> events = Decode("binance-hftbacktest/usdm/ethusdt_20240718.gz", "binance-hftbacktest/usdm/ethusdt_20240719.gz");
        var straight = new BookReplica(Venue.BinanceUsdm, "ETHUSDT");
        BookSnapshot? checkpoint = null;
        int takenAt = -1;
        for (int i = 0; i < events.Count; i++)
        {
            straight.Apply(events[i]);
            if (i >= events.Count / 2 && checkpoint is null && (checkpoint = straight.Checkpoint()) is not null) takenAt = i;
        }
        var restored = new BookReplica(Venue.BinanceUsdm, "ETHUSDT");
        restored.Restore(checkpoint!);
        for (int i = takenAt + 1; i < events.Count; i++) restored.Apply(events[i]);

        Assert.NotNull(checkpoint);
        Assert.True(restored.Book.IsValid);
        Assert.Equal(straight.Book.LastUpdateId, restored.Book.LastUpdateId);
        Assert.Equal(Top(straight.Book.Bids), Top(restored.Book.Bids));
        Assert.Equal(Top(straight.Book.Asks), Top(restored.Book.Asks));
    }

    [Fact]
    public void A_feed_gap_makes_the_book_stale_until_the_next_snapshot()
    {
        var replica = new BookReplica(Venue.CoinbaseAdvanced, "BTC-USD");
        replica.Apply(new BookSnapshot(Venue.CoinbaseAdvanced, "BTC-USD", 0, 0, 1,
            [new LevelUpdate(Side.Bid, Price.Parse("100"), Quantity.Parse("1")), new LevelUpdate(Side.Ask, Price.Parse("101"), Quantity.Parse("1"))]));
        Assert.True(replica.Book.IsValid);
        Assert.Null(new BookReplica(Venue.CoinbaseAdvanced, "X").Checkpoint());
        Assert.Equal(SyncResult.Gap, replica.Apply(new FeedGap(Venue.CoinbaseAdvanced, "BTC-USD", 0, 0, "sequence_num jumped")));
        Assert.False(replica.Book.IsValid);
        Assert.Null(replica.Checkpoint());
        Assert.Equal("sequence_num jumped", replica.Sync.LastProblem);
    }
}
