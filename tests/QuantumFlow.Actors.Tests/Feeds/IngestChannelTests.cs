using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Tests.Feeds;

public class IngestChannelTests
{
    private static Trade T(long id) => new(Venue.BinanceSpot, "BTCUSDT", id, id, id, Price.Parse("1"), Quantity.Parse("1"), Side.Bid);

    [Fact]
    public void Sends_one_batch_at_a_time_and_batches_what_arrives_meanwhile()
    {
        var ch = new IngestChannel("binance:BTCUSDT", 7, maxBatch: 3);
        ch.Add(T(1));
        Ingest first = ch.TakeBatch()!;
        Assert.Equal(1, first.Seq);
        Assert.Single(first.Events);
        for (int i = 2; i <= 6; i++) ch.Add(T(i));
        Assert.Null(ch.TakeBatch());                    // one in flight
        Assert.False(ch.OnAck(new IngestAck("binance:BTCUSDT", 7, 2)));
        Assert.Same(first, ch.Unacknowledged);          // resent as is after a timeout
        Assert.True(ch.OnAck(new IngestAck("binance:BTCUSDT", 7, 1)));
        Ingest second = ch.TakeBatch()!;
        Assert.Equal(2L, second.Seq);
        Assert.Equal(new long[] { 2, 3, 4 }, second.Events.Cast<Trade>().Select(t => t.TradeId));
        Assert.Equal(2, ch.Backlog);
    }

    [Fact]
    public void A_full_backlog_is_replaced_by_a_gap_so_the_book_resyncs()
    {
        var ch = new IngestChannel("binance:BTCUSDT", 1, maxBatch: 100, maxBacklog: 4);
        for (int i = 1; i <= 4; i++) ch.Add(T(i));
        Assert.True(ch.IsFull);
        ch.Add(T(5));
        Assert.Equal(4, ch.Dropped);
        Ingest batch = ch.TakeBatch()!;
        Assert.IsType<FeedGap>(batch.Events[0]);
        Assert.Equal(5, ((Trade)batch.Events[1]).TradeId);
    }

    [Fact]
    public void Events_are_numbered_as_they_leave_and_skipping_numbers_them_as_acknowledged()
    {
        var ch = new IngestChannel("binance:BTCUSDT", 7, maxBatch: 2);
        for (int i = 1; i <= 3; i++) ch.Add(T(i));
        Assert.Equal(3, ch.Queued);
        Ingest first = ch.TakeBatch()!;
        Assert.Equal((1L, 1L), (first.Seq, first.FirstEvent));
        Assert.Equal(0, ch.Acknowledged);
        Assert.True(ch.OnAck(new IngestAck("binance:BTCUSDT", 7, 1)));
        Assert.Equal(2, ch.Acknowledged);
        Assert.Throws<InvalidOperationException>(() => { ch.TakeBatch(); ch.SkipPending(); }); // event 3 is in flight
        Assert.True(ch.OnAck(new IngestAck("binance:BTCUSDT", 7, 2)));

        // A resumed replay re-reads events 4 and 5 that its books already journaled: numbered, never sent.
        ch.Add(T(4));
        ch.Add(T(5));
        ch.SkipPending();
        Assert.Equal((0, 5L, 5L), (ch.Backlog, ch.Queued, ch.Acknowledged));
        ch.Add(T(6));
        Ingest next = ch.TakeBatch()!;
        Assert.Equal((3L, 6L), (next.Seq, next.FirstEvent));
    }
}
