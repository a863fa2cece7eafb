using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Books;

/// <summary>What a book does with a feed batch: nothing new in it, or these events to journal.</summary>
/// <param name="Events">The events to journal, in order: the batch's events the book has not journaled, after a
/// <see cref="FeedGap"/> when events of the feed run never arrived. Empty for a duplicate.</param>
public sealed record IngestDecision(bool IsDuplicate, IReadOnlyList<MarketEvent> Events)
{
    public static readonly IngestDecision Duplicate = new(true, []);
    public bool HasGap => Events.Count > 0 && Events[0] is FeedGap;
}

/// <summary>
/// A book's record of what its feed has delivered: the feed run it last took events from and the number of the last
/// event of that run it journaled. It decides, for each batch, which events are new: a resend or a re-read after a
/// restart is skipped in whole or in part, and a jump in the event numbers is a gap the book must resync over. Pure, so
/// the rules are tested without an actor system; the book actor accepts a batch when it takes it for journaling (not
/// when the write completes), since a resend may arrive while the write is in flight.
/// </summary>
public sealed class IngestLedger
{
    public long FeedRun { get; private set; }
    /// <summary>The last batch accepted (what a snapshot records beside the event number).</summary>
    public long Seq { get; private set; }
    /// <summary>The number, within <see cref="FeedRun"/>, of the last event accepted.</summary>
    public long LastEvent { get; private set; }

    /// <summary>Where recovery (a journal entry or a checkpoint) left the book.</summary>
    public void Restore(long feedRun, long seq, long lastEvent) => (FeedRun, Seq, LastEvent) = (feedRun, seq, lastEvent);

    public IngestDecision Accept(Ingest ingest)
    {
        IReadOnlyList<MarketEvent> events = ingest.Events;
        if (ingest.FeedRun == FeedRun)
        {
            long seen = LastEvent - ingest.FirstEvent + 1;
            if (seen >= events.Count) return IngestDecision.Duplicate;
            if (seen > 0)
            {
                events = events.Skip((int)seen).ToArray();
            }
            else if (seen < 0 && events.Count > 0)
            {
                MarketEvent first = events[0];
                var gap = new FeedGap(first.Venue, first.Symbol, 0, first.ReceiveTimeNs, $"feed events {LastEvent + 1}..{ingest.FirstEvent - 1} never arrived");
                events = [gap, .. events];
            }
        }
        (FeedRun, Seq, LastEvent) = (ingest.FeedRun, ingest.Seq, ingest.FirstEvent + ingest.Events.Count - 1);
        return new IngestDecision(false, events);
    }
}
