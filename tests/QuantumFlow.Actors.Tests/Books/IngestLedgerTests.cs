using QuantumFlow.Actors.Books;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Tests.Books;

/// <summary>The book's rules for feed batches, without an actor system.</summary>
public class IngestLedgerTests
{
    private const string Entity = "binance:BTCUSDT";

    private static Trade T(long id) => new(Venue.BinanceSpot, "BTCUSDT", id, id, id, Price.Parse("1"), Quantity.Parse("1"), Side.Bid);

    private static Ingest Batch(long run, long seq, long firstEvent, int count) =>
        new(Entity, run, seq, firstEvent, Enumerable.Range(0, count).Select(i => (MarketEvent)T(firstEvent + i)).ToArray());

    private static long[] Ids(IngestDecision d) => d.Events.OfType<Trade>().Select(t => t.TradeId).ToArray();

    [Fact]
    public void Consecutive_batches_are_accepted_whole()
    {
        var ledger = new IngestLedger();
        Assert.Equal([1, 2, 3], Ids(ledger.Accept(Batch(7, 1, 1, 3))));
        IngestDecision second = ledger.Accept(Batch(7, 2, 4, 2));
        Assert.False(second.IsDuplicate || second.HasGap);
        Assert.Equal([4, 5], Ids(second));
        Assert.Equal((7L, 2L, 5L), (ledger.FeedRun, ledger.Seq, ledger.LastEvent));
    }

    [Fact]
    public void A_resent_batch_is_a_duplicate()
    {
        var ledger = new IngestLedger();
        ledger.Accept(Batch(7, 1, 1, 3));
        ledger.Accept(Batch(7, 2, 4, 3));
        Assert.True(ledger.Accept(Batch(7, 1, 1, 3)).IsDuplicate);
        Assert.True(ledger.Accept(Batch(7, 2, 4, 3)).IsDuplicate);
        Assert.Equal(6, ledger.LastEvent);
    }

    [Fact]
    public void A_batch_cut_differently_after_a_restart_gives_only_its_new_events()
    {
        var ledger = new IngestLedger();
        ledger.Accept(Batch(7, 1, 1, 5));
        // The resumed feed re-reads from event 3 and batches 3..8 together.
        IngestDecision d = ledger.Accept(Batch(7, 1, 3, 6));
        Assert.False(d.IsDuplicate || d.HasGap);
        Assert.Equal([6, 7, 8], Ids(d));
        Assert.Equal(8, ledger.LastEvent);
    }

    [Fact]
    public void Missing_events_are_a_gap_before_the_batch()
    {
        var ledger = new IngestLedger();
        ledger.Accept(Batch(7, 1, 1, 5));
        IngestDecision d = ledger.Accept(Batch(7, 3, 9, 2));
        Assert.True(d.HasGap);
        Assert.Contains("6..8 never arrived", ((FeedGap)d.Events[0]).Reason);
        Assert.Equal([9, 10], Ids(d));
    }

    [Fact]
    public void A_new_feed_run_starts_afresh_and_recovery_restores_the_position()
    {
        var ledger = new IngestLedger();
        ledger.Accept(Batch(7, 1, 1, 5));
        Assert.Equal([1, 2], Ids(ledger.Accept(Batch(8, 1, 1, 2))));

        var recovered = new IngestLedger();
        recovered.Restore(8, 1, 2);
        Assert.True(recovered.Accept(Batch(8, 1, 1, 2)).IsDuplicate);
        Assert.Equal([3], Ids(recovered.Accept(Batch(8, 2, 2, 2))));
    }
}
