using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>
/// A replay that does not loop has delivered every payload and the books acknowledged every batch.
/// <paramref name="Payloads"/> counts what this incarnation delivered: fewer after a resume, none when the journal
/// already held the whole replay.
/// </summary>
public sealed record ReplayFinished(Venue Venue, long FeedRun, long Payloads, long BadPayloads, TimeSpan Elapsed)
{
    /// <summary>Payloads of the last pass that were journaled before this incarnation started (0 for a fresh replay).</summary>
    public long AlreadyJournaled { get; init; }
}
